import { useId, useState } from 'react';
import { useApi } from '../api-context';
import { displayTitle } from '../format';
import { useNoteEntries } from '../hooks/useNoteEntries';
import type { NoteEntry } from '../hooks/useNoteEntries';
import { ConfirmDialog } from './ConfirmDialog';
import { NoteListCount } from './NoteListCount';
import { TrashEntry } from './TrashEntry';
import { loadMoreAtLastEntry, NoteListEnd } from './NoteListEnd';

interface TrashViewProps {
  version: number;
  onClose: () => void;
  onError: (error: unknown) => void;
}

type Pending = { kind: 'purge'; entry: NoteEntry } | { kind: 'empty'; count: number } | null;

/**
 * Trashed notes, a page at a time as the list scrolls, with Restore and Delete forever;
 * deleting for good always asks first.
 */
export function TrashView({ version, onClose, onError }: TrashViewProps) {
  const { notes } = useApi();
  const trashed = useNoteEntries('trash', '', version, onError);
  const { entries, total, complete, loadMore } = trashed;
  const countId = useId();
  const [pending, setPending] = useState<Pending>(null);

  const run = (action: () => Promise<unknown>) => {
    setPending(null);
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
          // The dialog names every note it deletes, loaded or not.
          onClick={() => setPending({ kind: 'empty', count: total ?? entries?.length ?? 0 })}
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
              onDelete={() => setPending({ kind: 'purge', entry })}
            />
          ))}
          {!complete && <NoteListEnd loaded={entries} onNearEnd={loadMore} />}
        </ul>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'empty' ? 'Empty the trash?' : 'Delete this note forever?'}
        message={
          pending?.kind === 'empty'
            ? `${pending.count === 1 ? 'The note' : `All ${pending.count} notes`} in the trash will be deleted forever. This cannot be undone.`
            : `“${displayTitle(pending?.entry.title ?? '')}” will be deleted forever. This cannot be undone.`
        }
        confirmLabel={pending?.kind === 'empty' ? 'Empty trash' : 'Delete forever'}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending?.kind === 'empty') run(() => notes.emptyTrash());
          else if (pending?.kind === 'purge') run(() => notes.purge({ id: pending.entry.id }));
        }}
      />
    </section>
  );
}
