import type { NoteEntry } from '../hooks/useNoteEntries';
import { NoteEntrySummary } from './NoteEntrySummary';

interface NoteListItemProps {
  entry: NoteEntry;
  selected: boolean;
  /** The list's one Tab stop (roving tabindex); the other entries are reached with the arrows. */
  tabStop: boolean;
  onFocus: (id: string) => void;
  onSelect: (id: string) => void;
}

export function NoteListItem({ entry, selected, tabStop, onFocus, onSelect }: NoteListItemProps) {
  return (
    <li>
      <button
        type="button"
        className="note-entry"
        data-note-id={entry.id}
        tabIndex={tabStop ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onFocus={() => onFocus(entry.id)}
        onClick={() => onSelect(entry.id)}
      >
        <NoteEntrySummary entry={entry} />
      </button>
    </li>
  );
}
