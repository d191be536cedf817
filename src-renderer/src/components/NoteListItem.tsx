import { displayTitle, formatListDate } from '../format';
import type { NoteEntry } from '../hooks/useNoteEntries';
import { HighlightedSnippet } from './HighlightedSnippet';
import { PinIcon } from './PinIcon';

interface NoteListItemProps {
  entry: NoteEntry;
  selected: boolean;
  onSelect: (id: string) => void;
}

export function NoteListItem({ entry, selected, onSelect }: NoteListItemProps) {
  return (
    <li>
      <button
        type="button"
        className="note-entry"
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(entry.id)}
      >
        <span className="note-entry-head">
          {entry.pinned && (
            <span className="pin-badge" title="Pinned">
              <PinIcon />
              <span className="visually-hidden">Pinned: </span>
            </span>
          )}
          <span className="note-entry-title">{displayTitle(entry.title)}</span>
          <time className="note-entry-date" dateTime={new Date(entry.updatedAt).toISOString()}>
            {formatListDate(entry.updatedAt)}
          </time>
        </span>
        <span className="note-entry-detail">
          {entry.snippet !== null ? <HighlightedSnippet snippet={entry.snippet} /> : entry.excerpt}
        </span>
      </button>
    </li>
  );
}
