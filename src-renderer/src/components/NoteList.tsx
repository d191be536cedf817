import { useId } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { NoteEntries } from '../hooks/useNoteEntries';
import { NoteListCount } from './NoteListCount';
import { loadMoreAtLastEntry, NoteListEnd } from './NoteListEnd';
import { NoteListItem } from './NoteListItem';

interface NoteListProps {
  notes: NoteEntries;
  selectedId: string | null;
  searching: boolean;
  onSelect: (id: string) => void;
  listRef: RefObject<HTMLUListElement | null>;
}

/** Arrow keys, Home and End move between the loaded entries; Tab leaves the list. */
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

export function NoteList({ notes, selectedId, searching, onSelect, listRef }: NoteListProps) {
  const countId = useId();
  const { entries, complete, loadMore } = notes;
  if (entries === null) return <p className="list-message">Loading notes…</p>;
  if (entries.length === 0) {
    return (
      <p className="list-message" role="status">
        {searching ? 'No notes match your search.' : 'No notes yet. Press Ctrl+N to write one.'}
      </p>
    );
  }
  return (
    <>
      <NoteListCount id={countId} notes={notes} />
      <ul
        ref={listRef}
        className="note-list"
        aria-label={searching ? 'Search results' : 'Notes'}
        aria-describedby={countId}
        onKeyDown={moveFocus}
        onFocus={loadMoreAtLastEntry(() => loadMore(entries))}
      >
        {entries.map((entry) => (
          <NoteListItem key={entry.id} entry={entry} selected={entry.id === selectedId} onSelect={onSelect} />
        ))}
        {!complete && <NoteListEnd loaded={entries} onNearEnd={loadMore} />}
      </ul>
    </>
  );
}
