import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { NoteEntries } from '../hooks/useNoteEntries';
import { NoteListCount } from './NoteListCount';
import { loadMoreAtLastEntry, NoteListEnd } from './NoteListEnd';
import { NoteListItem } from './NoteListItem';

/**
 * Where focus goes once a note left the list (moved to the trash): the entry of `next`, or,
 * with no note left, the list's message. `gone` is the note that left; a new object each time.
 */
export interface NoteListFocusRequest {
  gone: string;
  next: string | null;
}

interface NoteListProps {
  notes: NoteEntries;
  selectedId: string | null;
  searching: boolean;
  onSelect: (id: string) => void;
  listRef: RefObject<HTMLUListElement | null>;
  focusRequest?: NoteListFocusRequest | null;
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

/**
 * The notes, one Tab stop for the whole list (a roving tabindex): the entry last focused, else
 * the open note, else the first one. Arrow keys move inside, Enter or Space opens.
 */
export function NoteList({ notes, selectedId, searching, onSelect, listRef, focusRequest }: NoteListProps) {
  const countId = useId();
  const { entries, complete, loadMore } = notes;
  const [activeId, setActiveId] = useState<string | null>(null);
  const message = useRef<HTMLParagraphElement>(null);
  const handled = useRef<NoteListFocusRequest | null>(null);

  useEffect(() => {
    if (!focusRequest || handled.current === focusRequest || entries === null) return;
    const { gone, next } = focusRequest;
    if (next !== null) {
      const entry = listRef.current?.querySelector<HTMLButtonElement>(`[data-note-id="${CSS.escape(next)}"]`);
      if (!entry) return;
      handled.current = focusRequest;
      setActiveId(next);
      entry.focus();
    } else if (!entries.some((entry) => entry.id === gone)) {
      // Only once the list has re-read without the note: until then its entry is still there.
      handled.current = focusRequest;
      (message.current ?? listRef.current?.querySelector<HTMLElement>('button[tabindex="0"]'))?.focus();
    }
  }, [focusRequest, entries, listRef]);

  if (entries === null) return <p className="list-message">Loading notes…</p>;
  if (entries.length === 0) {
    return (
      <p ref={message} className="list-message" role="status" tabIndex={-1}>
        {searching ? 'No notes match your search.' : 'No notes yet. Press Ctrl+N to write one.'}
      </p>
    );
  }
  const tabStop =
    entries.find((entry) => entry.id === activeId)?.id ??
    entries.find((entry) => entry.id === selectedId)?.id ??
    entries[0]?.id;
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
          <NoteListItem
            key={entry.id}
            entry={entry}
            selected={entry.id === selectedId}
            tabStop={entry.id === tabStop}
            onFocus={setActiveId}
            onSelect={onSelect}
          />
        ))}
        {!complete && <NoteListEnd loaded={entries} onNearEnd={loadMore} />}
      </ul>
    </>
  );
}
