import type { KeyboardEvent, RefObject } from 'react';
import type { NoteEntry } from '../hooks/useNoteEntries';
import { NoteListItem } from './NoteListItem';

interface NoteListProps {
  entries: NoteEntry[] | null;
  selectedId: string | null;
  searching: boolean;
  onSelect: (id: string) => void;
  listRef: RefObject<HTMLUListElement | null>;
}

/** Arrow keys, Home and End move between entries; Tab leaves the list. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.note-entry')];
  const index = buttons.findIndex((button) => button === document.activeElement);
  const target = {
    ArrowDown: buttons[Math.min(index + 1, buttons.length - 1)],
    ArrowUp: buttons[Math.max(index - 1, 0)],
    Home: buttons[0],
    End: buttons[buttons.length - 1],
  }[event.key];
  if (target) {
    event.preventDefault();
    target.focus();
  }
}

export function NoteList({ entries, selectedId, searching, onSelect, listRef }: NoteListProps) {
  if (entries === null) return <p className="list-message">Loading notes…</p>;
  if (entries.length === 0) {
    return (
      <p className="list-message" role="status">
        {searching ? 'No notes match your search.' : 'No notes yet. Press Ctrl+N to write one.'}
      </p>
    );
  }
  return (
    <ul
      ref={listRef}
      className="note-list"
      aria-label={searching ? 'Search results' : 'Notes'}
      onKeyDown={moveFocus}
    >
      {entries.map((entry) => (
        <NoteListItem key={entry.id} entry={entry} selected={entry.id === selectedId} onSelect={onSelect} />
      ))}
    </ul>
  );
}
