import { useId, useMemo, useRef } from 'react';
import { useApi } from '../api-context';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { useNoteEntries } from '../hooks/useNoteEntries';
import { listOrderOf, useSortChoice } from '../hooks/useOrganise';
import { SortSelect } from './ListControls';
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
 * page cannot answer it). After each action focus moves on to the next note's Restore button,
 * or to the heading when none is left; Escape goes back to the notes.
 */
export function TrashView({ version, onClose, onError }: TrashViewProps) {
  const { notes } = useApi();
  // The trash remembers its own order (sort-orders.ts).
  const [sortChoice, setSortChoice] = useSortChoice('trash');
  const order = useMemo(() => listOrderOf(sortChoice), [sortChoice]);
  const trashed = useNoteEntries('trash', '', version, onError, order);
  const { entries, complete, loadMore } = trashed;
  const countId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  useEscapeToLeave(onClose);

  /** Runs an action on one entry (or on all: `id` null), then focuses what follows it. */
  const run = (action: () => Promise<unknown>, id: string | null = null) => {
    const index = entries && id !== null ? entries.findIndex((entry) => entry.id === id) : -1;
    const next = index < 0 ? undefined : (entries?.[index + 1] ?? entries?.[index - 1]);
    Promise.resolve()
      .then(action)
      .then(() => {
        const button = next
          ? list.current?.querySelector<HTMLButtonElement>(`[data-note-id="${CSS.escape(next.id)}"] button`)
          : null;
        (button ?? heading.current)?.focus();
      })
      .catch(onError);
  };

  return (
    <section className="trash-view" aria-labelledby="trash-heading">
      <div className="trash-header">
        <h2 id="trash-heading" ref={heading} tabIndex={-1}>
          Trash
        </h2>
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
        <SortSelect label="Sort trash" value={sortChoice} onChange={setSortChoice} />
      )}
      {entries && entries.length > 0 && (
        <ul
          ref={list}
          className="trash-list"
          aria-label="Notes in the trash"
          aria-describedby={countId}
          onFocus={loadMoreAtLastEntry(() => loadMore(entries))}
        >
          {entries.map((entry) => (
            <TrashEntry
              key={entry.id}
              entry={entry}
              onRestore={() => run(() => notes.restore({ id: entry.id }), entry.id)}
              onDelete={() => run(() => notes.purge({ id: entry.id }), entry.id)}
            />
          ))}
          {!complete && <NoteListEnd loaded={entries} onNearEnd={loadMore} />}
        </ul>
      )}
    </section>
  );
}
