import { useEffect, useId, useRef } from 'react';
import type { BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import { formatDateTime } from '../../../src-shared/format';
import { displayTitle } from '../format';
import { useBrowseBackup } from '../hooks/useBrowseBackup';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { formatCount } from '../../../src-shared/format';

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
  useEscapeToLeave(browse.close);

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
      <label htmlFor={`${id}-search`}>Search this backup</label>
      <input
        id={`${id}-search`}
        type="search"
        value={browse.query}
        onChange={(event) => browse.setQuery(event.target.value)}
      />
      <div className="browse-panes">
        <ul className="browse-list" aria-label="Notes in this backup">
          {entries.map((entry) => (
            <li key={entry.id}>
              <input
                type="checkbox"
                id={`${id}-${entry.id}`}
                checked={selected.has(entry.id)}
                onChange={() => browse.toggle(entry.id)}
                aria-label={`Select ${displayTitle(entry.title)}`}
              />
              <button
                type="button"
                title={displayTitle(entry.title)}
                aria-pressed={reading?.id === entry.id}
                onClick={() => browse.read(entry.id)}
              >
                {displayTitle(entry.title)}
                {entry.trashed ? ' (in trash)' : ''}
              </button>
            </li>
          ))}
        </ul>
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
      <div className="browse-actions" role="group" aria-label="Bring back selected notes">
        <button type="button" disabled={selected.size === 0} onClick={() => browse.bringBack('as-new')}>
          Bring back as new ({selected.size})
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => browse.bringBack('replace')}>
          Replace current version ({selected.size})
        </button>
      </div>
      <p role="status" className="view-notice">
        {browse.notice}
      </p>
    </section>
  );
}
