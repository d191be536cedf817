import { displayTitle } from '../format';
import type { BrowseEntry } from '../hooks/useBrowseBackup';
import { NoteEntrySummary } from './NoteEntrySummary';

interface BrowseEntryItemProps {
  entry: BrowseEntry;
  reading: boolean;
  selected: boolean;
  onRead: (id: string) => void;
  onToggle: (id: string) => void;
}

/**
 * One note of a browsed backup: a checkbox to bring it back, and the entry itself laid out
 * like the main window's note list, so the two lists read the same (issue #14).
 */
export function BrowseEntryItem({ entry, reading, selected, onRead, onToggle }: BrowseEntryItemProps) {
  return (
    <li className="browse-entry">
      <input
        type="checkbox"
        checked={selected}
        onChange={() => onToggle(entry.id)}
        aria-label={`Select ${displayTitle(entry.title)}`}
      />
      <button
        type="button"
        className="note-entry"
        aria-current={reading ? 'true' : undefined}
        onClick={() => onRead(entry.id)}
      >
        <NoteEntrySummary entry={entry} prefix={entry.trashed ? 'In the trash · ' : undefined} />
      </button>
    </li>
  );
}
