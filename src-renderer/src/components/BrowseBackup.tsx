import { useEffect, useId, useState } from 'react';
import type { BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import type { Note } from '../../../src-shared/notes';
import { notevault } from '../api';
import { formatDateTime } from '../backup-format';
import { displayTitle } from '../format';
import { useDebouncedValue } from '../hooks/useDebouncedValue';

interface BrowseBackupProps {
  session: BrowseSessionInfo;
  onClose: () => void;
  onError: (error: unknown) => void;
}

interface Entry {
  id: string;
  title: string;
  trashed: boolean;
}

/**
 * The notes inside one backup, read only: search them, read one, and bring selected notes
 * back into the current notes, as new notes or replacing the current version. Closing wipes
 * the decrypted copy in the main process.
 */
export function BrowseBackup({ session, onClose, onError }: BrowseBackupProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const search = useDebouncedValue(query, 150);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [reading, setReading] = useState<Note | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState('');
  const { sessionId } = session;

  useEffect(() => {
    const api = notevault().browse;
    const load =
      search.trim() === ''
        ? Promise.all([
            api.list({ sessionId, limit: 500 }),
            api.list({ sessionId, trashed: true, limit: 500 }),
          ]).then(([live, trash]) => [
            ...live.items.map((n) => ({ id: n.id, title: n.title, trashed: false })),
            ...trash.items.map((n) => ({ id: n.id, title: n.title, trashed: true })),
          ])
        : api
            .search({ sessionId, query: search })
            .then((hits) => hits.map((h) => ({ id: h.id, title: h.title, trashed: false })));
    load.then(setEntries).catch(onError);
  }, [sessionId, search, onError]);

  const close = () => {
    notevault().browse.close({ sessionId }).catch(onError);
    onClose();
  };
  const toggle = (noteId: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(noteId)) next.add(noteId);
      return next;
    });
  const bringBack = (mode: 'as-new' | 'replace') => {
    notevault()
      .browse.bringBack({ sessionId, ids: [...selected], mode })
      .then((result) => {
        setSelected(new Set());
        setNotice(
          `Brought back ${result.created + result.replaced} ${result.created + result.replaced === 1 ? 'note' : 'notes'}` +
            (result.replaced > 0 ? ` (${result.replaced} replaced the current version).` : ' as new notes.'),
        );
      })
      .catch(onError);
  };

  return (
    <section className="browse-view" aria-labelledby={`${id}-heading`}>
      <div className="view-header">
        <h2 id={`${id}-heading`}>Backup of {formatDateTime(session.createdAt)}</h2>
        <button type="button" onClick={close}>
          Close backup
        </button>
      </div>
      <p>
        {session.noteCount} notes in {session.name}. Nothing here changes your current notes until you bring
        notes back.
      </p>
      <label htmlFor={`${id}-search`}>Search this backup</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="browse-panes">
        <ul className="browse-list" aria-label="Notes in this backup">
          {entries.map((entry) => (
            <li key={entry.id}>
              <input
                type="checkbox"
                id={`${id}-${entry.id}`}
                checked={selected.has(entry.id)}
                onChange={() => toggle(entry.id)}
                aria-label={`Select ${displayTitle(entry.title)}`}
              />
              <button
                type="button"
                aria-pressed={reading?.id === entry.id}
                onClick={() => {
                  notevault().browse.get({ sessionId, id: entry.id }).then(setReading).catch(onError);
                }}
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
        <button type="button" disabled={selected.size === 0} onClick={() => bringBack('as-new')}>
          Bring back as new ({selected.size})
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => bringBack('replace')}>
          Replace current version ({selected.size})
        </button>
      </div>
      <p role="status" className="view-notice">
        {notice}
      </p>
    </section>
  );
}
