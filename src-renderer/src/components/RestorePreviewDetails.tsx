import { useId } from 'react';
import type { RestorePreviewList, RestorePreviewView } from '../../../src-shared/ipc/contract-backup';
import { displayTitle } from '../format';
import { formatDateTime } from '../../../src-shared/format';

const KIND_TEXT: Record<RestorePreviewView['kind'], string> = {
  manual: 'made by hand',
  scheduled: 'scheduled',
  'before-restore': 'safety backup made before a restore',
};

function ChangeList({ heading, list }: { heading: string; list: RestorePreviewList }) {
  const id = useId();
  if (list.count === 0) return null;
  const hidden = list.count - list.notes.length;
  return (
    <section className="change-list" aria-labelledby={id}>
      <h3 id={id}>
        {heading}: {list.count}
      </h3>
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
  const nothingChanges = preview.comeBack.count + preview.disappear.count + preview.change.count === 0;
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
        <dt>Made by</dt>
        <dd>NoteVault {preview.appVersion}</dd>
      </dl>
      <p className="preview-summary">
        {nothingChanges
          ? 'Your current notes are the same as the notes in this backup.'
          : `Restoring it brings back ${preview.comeBack.count}, removes ${preview.disappear.count} and changes ` +
            `${preview.change.count} of your notes; ${preview.unchanged} stay as they are.`}
      </p>
      {preview.cheaperKeyThanDefault ? (
        <p className="preview-warning" role="note">
          This backup protects its passkey with less work than NoteVault uses, so keep the file out of other
          hands; the safety backup of your current notes is protected as usual.
        </p>
      ) : null}
      <ChangeList heading="Come back" list={preview.comeBack} />
      <ChangeList heading="Disappear" list={preview.disappear} />
      <ChangeList heading="Change back to the backup's version" list={preview.change} />
    </div>
  );
}
