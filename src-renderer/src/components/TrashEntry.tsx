import { displayTitle, formatListDate } from '../format';
import type { NoteEntry } from '../hooks/useNoteEntries';

interface TrashEntryProps {
  entry: NoteEntry;
  onRestore: () => void;
  /** Asks first: the trash view confirms before deleting for good. */
  onDelete: () => void;
}

/** One trashed note: its title, when it was edited, its first line, Restore and Delete forever. */
export function TrashEntry({ entry, onRestore, onDelete }: TrashEntryProps) {
  const title = displayTitle(entry.title);
  return (
    <li className="trash-entry" data-note-id={entry.id}>
      <span className="trash-entry-text">
        <span className="note-entry-title" title={title}>
          {title}
        </span>
        <span className="note-entry-detail">
          Edited {formatListDate(entry.updatedAt)} · {entry.excerpt}
        </span>
      </span>
      <button type="button" aria-label={`Restore ${title}`} onClick={onRestore}>
        Restore
      </button>
      <button type="button" className="danger" aria-label={`Delete forever: ${title}`} onClick={onDelete}>
        Delete forever
      </button>
    </li>
  );
}
