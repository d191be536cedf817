import { useId } from 'react';
import { useApi } from '../api-context';
import { useNoteEntries } from '../hooks/useNoteEntries';
import { NoteListCount } from './NoteListCount';
import { TrashEntry } from './TrashEntry';
import { loadMoreAtLastEntry, NoteListEnd } from './NoteListEnd';

interface TrashViewProps {
  version: number;
  onClose: () => void;
  onError: (error: unknown) => void;
}

/**
 * Trashed notes, a page at a time as the list scrolls, with Restore and Delete forever;
 * deleting for good always asks first, in the main process's own dialog (a script in this
 * page cannot answer it).
 */
export function TrashView({ version, onClose, onError }: TrashViewProps) {
  const { notes } = useApi();
  const trashed = useNoteEntries('trash', '', version, onError);
  const { entries, complete, loadMore } = trashed;
  const countId = useId();
  const run = (action: () => Promise<unknown>) => {
    Promise.resolve().then(action).catch(onError);
  };

  return (
    <section className="trash-view" aria-labelledby="trash-heading">
      <div className="trash-header">
        <h2 id="trash-heading">Trash</h2>
        <button
          type="button"
          className="danger"
          disabled={!entries || entries.length === 0}
          onClick={() => run(() => notes.emptyTrash())}
        >
          Empty trash
        </button>
        <button type="button" onClick={onClose}>
          Back to notes
        </button>
      </div>
      {entries === null && <p className="list-message">Loading trash…</p>}
      {entries?.length === 0 && (
        <p className="list-message" role="status">
          The trash is empty.
        </p>
      )}
      <NoteListCount id={countId} notes={trashed} />
      {entries && entries.length > 0 && (
        <ul
          className="trash-list"
          aria-label="Notes in the trash"
          aria-describedby={countId}
          onFocus={loadMoreAtLastEntry(() => loadMore(entries))}
        >
          {entries.map((entry) => (
            <TrashEntry
              key={entry.id}
              entry={entry}
              onRestore={() => run(() => notes.restore({ id: entry.id }))}
              onDelete={() => run(() => notes.purge({ id: entry.id }))}
            />
          ))}
          {!complete && <NoteListEnd loaded={entries} onNearEnd={loadMore} />}
        </ul>
      )}
    </section>
  );
}
