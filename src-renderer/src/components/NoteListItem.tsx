import { displayTitle, formatListDate } from '../format';
import type { NoteEntry } from '../hooks/useNoteEntries';
import { HighlightedSnippet } from './HighlightedSnippet';
import { PinIcon } from './PinIcon';

interface NoteListItemProps {
  entry: NoteEntry;
  selected: boolean;
  /** The list's one Tab stop (roving tabindex); the other entries are reached with the arrows. */
  tabStop: boolean;
  onFocus: (id: string) => void;
  onSelect: (id: string) => void;
}

export function NoteListItem({ entry, selected, tabStop, onFocus, onSelect }: NoteListItemProps) {
  const title = displayTitle(entry.title);
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
          {entry.snippet !== null ? <HighlightedSnippet snippet={entry.snippet} /> : entry.excerpt}
        </span>
      </button>
    </li>
  );
}
