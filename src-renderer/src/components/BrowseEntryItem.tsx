import { displayTitle, formatListDate } from '../format';
import type { BrowseEntry } from '../hooks/useBrowseBackup';
import { HighlightedSnippet } from './HighlightedSnippet';
import { PinIcon } from './PinIcon';

interface BrowseEntryItemProps {
  entry: BrowseEntry;
  reading: boolean;
  selected: boolean;
  onRead: (id: string) => void;
  onToggle: (id: string) => void;
}

/**
 * One note of a browsed backup: a checkbox to bring it back, and the entry itself laid out
 * like the main window's note list (NoteListItem's classes: title, date, first line or search
 * snippet), so the two lists read the same (issue #14).
 */
export function BrowseEntryItem({ entry, reading, selected, onRead, onToggle }: BrowseEntryItemProps) {
  const title = displayTitle(entry.title);
  return (
    <li className="browse-entry">
      <input
        type="checkbox"
        checked={selected}
        onChange={() => onToggle(entry.id)}
        aria-label={`Select ${title}`}
      />
      <button
        type="button"
        className="note-entry"
        aria-current={reading ? 'true' : undefined}
        onClick={() => onRead(entry.id)}
      >
        <span className="note-entry-head">
          {entry.pinned && (
            <span className="pin-badge" title="Pinned">
              <PinIcon />
              <span className="visually-hidden">Pinned: </span>
            </span>
          )}
          <span className="note-entry-title" title={title}>
            {title}
          </span>
          <time className="note-entry-date" dateTime={new Date(entry.updatedAt).toISOString()}>
            {formatListDate(entry.updatedAt)}
          </time>
        </span>
        <span className="note-entry-detail">
          {entry.trashed ? 'In the trash · ' : ''}
          {entry.snippet !== null ? <HighlightedSnippet snippet={entry.snippet} /> : entry.excerpt}
        </span>
      </button>
    </li>
  );
}
