import { useEffect, useId, useRef } from 'react';
import type { BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import { formatDateTime } from '../../../src-shared/format';
import { useBrowseBackup } from '../hooks/useBrowseBackup';
import type { BrowseEntry } from '../hooks/useBrowseBackup';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { formatCount } from '../../../src-shared/format';
import { displayTitle } from '../format';
import { BringBackActions } from './BringBackActions';
import { BrowseEntryItem } from './BrowseEntryItem';
import { ReplacePreview } from './ReplacePreview';
import { SearchBox } from './SearchBox';

/**
 * The ticks clear once notes are back, which disables the button that was pressed and drops its
 * focus to the page: focus goes to the checkbox of the first note brought back, where the person was.
 */
function focusFirstOf(ids: string[], entries: readonly BrowseEntry[] | null, list: HTMLUListElement | null) {
  const index = entries?.findIndex((entry) => ids.includes(entry.id)) ?? -1;
  if (index >= 0) list?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')[index]?.focus();
}

interface BrowseBackupProps {
  session: BrowseSessionInfo;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/**
 * The notes inside one backup, read only: search them, read one, and bring selected notes
 * back into the current notes, as new notes or replacing the current version. Closing wipes
 * the decrypted copy in the main process. Opening it focuses its heading; Escape closes it.
 */
export function BrowseBackup({ session, onClose, onError }: BrowseBackupProps) {
  const id = useId();
  const browse = useBrowseBackup(session, onClose, onError);
  const { entries, reading, selected } = browse;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Escape belongs to the Replace preview while it is open.
  useEscapeToLeave(browse.close, browse.reviewing === null);
  const search = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const bringBack = (mode: 'as-new' | 'replace') =>
    void browse.bringBack(mode).then((ids) => focusFirstOf(ids, entries, list.current));

  return (
    <section className="browse-view" aria-labelledby={`${id}-heading`}>
      <div className="view-header">
        <h2 id={`${id}-heading`} ref={heading} tabIndex={-1}>
          Backup of {formatDateTime(session.createdAt)}
        </h2>
        <button type="button" onClick={browse.close}>
          Close backup
        </button>
      </div>
      <p>
        {formatCount(session.noteCount, 'note')} in {session.name}. Nothing here changes your current notes
        until you bring notes back.
      </p>
      <div className="browse-panes">
        <div className="browse-sidebar">
          <SearchBox
            query={browse.query}
            onQueryChange={browse.setQuery}
            inputRef={search}
            inputId={`${id}-search`}
            label="Search this backup"
            placeholder="Search this backup"
            onArrowDown={() => list.current?.querySelector<HTMLButtonElement>('button.note-entry')?.focus()}
          />
          <ul ref={list} className="note-list browse-list" aria-label="Notes in this backup">
            {entries.map((entry) => (
              <BrowseEntryItem
                key={entry.id}
                entry={entry}
                reading={reading?.id === entry.id}
                selected={selected.has(entry.id)}
                onRead={browse.read}
                onToggle={browse.toggle}
              />
            ))}
          </ul>
        </div>
        <article className="browse-reader" aria-label="Note from the backup">
          {reading ? (
            <>
              <h3>{displayTitle(reading.title)}</h3>
              <p className="browse-meta">Last edited {formatDateTime(reading.updatedAt)}</p>
              <pre className="browse-body">{reading.body}</pre>
            </>
          ) : (
            <p>Choose a note to read it.</p>
          )}
        </article>
      </div>
      <BringBackActions
        selected={selected.size}
        onBringBackAsNew={() => bringBack('as-new')}
        onReviewReplace={browse.reviewReplace}
      />
      <ReplacePreview
        sessionId={session.sessionId}
        ids={browse.reviewing}
        onConfirm={() => bringBack('replace')}
        onCancel={browse.cancelReview}
        onError={onError}
      />
      <p role="status" className="view-notice">
        {browse.notice}
      </p>
    </section>
  );
}
