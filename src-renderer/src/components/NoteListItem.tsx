import type { NoteEntry } from '../hooks/useNoteEntries';
import { NoteEntrySummary } from './NoteEntrySummary';

/** Where a rendered entry sits in the virtualised list (NoteList). */
export interface NoteListPlace {
  index: number;
  /** Pixels from the top of the list. */
  start: number;
  /** How many entries the whole list holds, -1 while unknown (a search still loading). */
  setSize: number;
}

interface NoteListItemProps {
  entry: NoteEntry;
  place: NoteListPlace;
  selected: boolean;
  /** The list's one Tab stop (roving tabindex); the other entries are reached with the arrows. */
  tabStop: boolean;
  /** The virtualiser's measuring ref: entries are as tall as their text makes them. */
  measure: (element: HTMLLIElement | null) => void;
  onFocus: (index: number) => void;
  onSelect: (id: string) => void;
}

/**
 * One entry of the virtualised list. Only the entries near view exist, so each says where it
 * is in the whole list (aria-posinset of aria-setsize) for assistive technology.
 */
export function NoteListItem({
  entry,
  place,
  selected,
  tabStop,
  measure,
  onFocus,
  onSelect,
}: NoteListItemProps) {
  return (
    <li
      ref={measure}
      className="note-list-item"
      data-index={place.index}
      aria-setsize={place.setSize}
      aria-posinset={place.index + 1}
      style={{ transform: `translateY(${place.start}px)` }}
    >
      <button
        type="button"
        className="note-entry"
        data-note-id={entry.id}
        tabIndex={tabStop ? 0 : -1}
        aria-current={selected ? 'true' : undefined}
        onFocus={() => onFocus(place.index)}
        onClick={() => onSelect(entry.id)}
      >
        <NoteEntrySummary entry={entry} />
      </button>
    </li>
  );
}
