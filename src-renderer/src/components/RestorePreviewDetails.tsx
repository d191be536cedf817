import { useId } from 'react';
import type { RestorePreviewList, RestorePreviewView } from '../../../src-shared/ipc/contract-backup';
import { displayTitle } from '../format';
import { formatDateTime } from '../../../src-shared/format';
import { describeAlsoInside, describeRestoreChanges, RESTORE_LIST_HEADINGS } from '../restore-summary';

const KIND_TEXT: Record<RestorePreviewView['kind'], string> = {
  manual: 'made by hand',
  scheduled: 'scheduled',
  'before-restore': 'safety backup made before a restore',
};

function ChangeList({ heading, list }: { heading: (count: number) => string; list: RestorePreviewList }) {
  const id = useId();
  if (list.count === 0) return null;
  const hidden = list.count - list.notes.length;
  return (
    <section className="change-list" aria-labelledby={id}>
      <h3 id={id}>{heading(list.count)}</h3>
      {/* Scrollable and focusable, so a long list can be read with the keyboard too. */}
      <ul tabIndex={0} aria-labelledby={id}>
        {list.notes.map((note) => (
          <li key={note.id}>{displayTitle(note.title)}</li>
        ))}
        {hidden > 0 ? <li className="more">and {hidden} more</li> : null}
      </ul>
    </section>
  );
}

/** What a backup holds, and what restoring it would do to the current notes. */
export function RestorePreviewDetails({ preview }: { preview: RestorePreviewView }) {
  const alsoInside = describeAlsoInside(preview.alsoInside);
  return (
    <div className="restore-preview">
      <dl className="facts">
        <dt>Backup</dt>
        <dd>{preview.fileName}</dd>
        <dt>Made</dt>
        <dd>
          {formatDateTime(preview.createdAt)} ({KIND_TEXT[preview.kind]})
        </dd>
        <dt>Notes inside</dt>
        <dd>{preview.noteCount}</dd>
        {alsoInside === null ? null : (
          <>
            <dt>Also inside</dt>
            <dd>{alsoInside}</dd>
          </>
        )}
        <dt>Made by</dt>
        <dd>NoteVault {preview.appVersion}</dd>
      </dl>
      <p className="preview-summary">
        {describeRestoreChanges({
          comeBack: preview.comeBack.count,
          disappear: preview.disappear.count,
          change: preview.change.count,
          unchanged: preview.unchanged,
        })}
      </p>
      {preview.cheaperKeyThanDefault ? (
        <p className="preview-warning" role="note">
          This backup protects its passkey with less work than NoteVault uses, so keep the file out of other
          hands; the safety backup of your current notes is protected as usual.
        </p>
      ) : null}
      <ChangeList heading={RESTORE_LIST_HEADINGS.comeBack} list={preview.comeBack} />
      <ChangeList heading={RESTORE_LIST_HEADINGS.disappear} list={preview.disappear} />
      <ChangeList heading={RESTORE_LIST_HEADINGS.change} list={preview.change} />
    </div>
  );
}
