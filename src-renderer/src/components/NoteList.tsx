import { useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { NoteEntries } from '../hooks/useNoteEntries';
import { useNoteListWindow } from '../hooks/useNoteListWindow';
import { NoteListCount } from './NoteListCount';
import { NoteListItem } from './NoteListItem';
import './note-list.css';

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

/**
 * The notes, virtualised (useNoteListWindow): only the entries near view are in the page, so
 * 100,000 loaded notes scroll as smoothly as 100. One Tab stop for the whole list (a roving
 * tabindex): the entry last focused, else the open note, else the first one. Arrow keys, Home
 * and End move inside, Enter or Space opens.
 */
export function NoteList({ notes, selectedId, searching, onSelect, listRef, focusRequest }: NoteListProps) {
  const countId = useId();
  const { entries, total, complete, loadMore } = notes;
  const [activeId, setActiveId] = useState<string | null>(null);
  const message = useRef<HTMLParagraphElement>(null);
  const handled = useRef<NoteListFocusRequest | null>(null);

  const indexOf = (id: string | null) =>
    id === null ? -1 : (entries ?? []).findIndex((entry) => entry.id === id);
  const activeIndex = indexOf(activeId);
  const selectedIndex = indexOf(selectedId);
  const tabStopIndex = activeIndex >= 0 ? activeIndex : Math.max(selectedIndex, 0);
  const view = useNoteListWindow({ entries, complete, loadMore, list: listRef, tabStopIndex });
  const { focusIndex } = view;

  useEffect(() => {
    if (!focusRequest || handled.current === focusRequest || entries === null) return;
    const { gone, next } = focusRequest;
    if (next !== null) {
      const index = entries.findIndex((entry) => entry.id === next);
      if (index < 0) return;
      handled.current = focusRequest;
      setActiveId(next);
      focusIndex(index);
    } else if (!entries.some((entry) => entry.id === gone)) {
      // Only once the list has re-read without the note: until then its entry is still there.
      handled.current = focusRequest;
      (message.current ?? listRef.current?.querySelector<HTMLElement>('button[tabindex="0"]'))?.focus();
    }
  }, [focusRequest, entries, listRef, focusIndex]);

  if (entries === null) return <p className="list-message">Loading notes…</p>;
  if (entries.length === 0) {
    return (
      <p ref={message} className="list-message" role="status" tabIndex={-1}>
        {searching ? 'No notes match your search.' : 'No notes yet. Press Ctrl+N to write one.'}
      </p>
    );
  }

  const onEntryFocus = (index: number) => {
    setActiveId(entries[index]?.id ?? null);
    // Focus on the last loaded entry (End, the arrows, Tab or a click) reads the next page, so
    // moving with the keyboard never meets a false end.
    if (index === entries.length - 1) loadMore(entries);
  };
  // Search results are not counted ahead: -1 (unknown) until the last page is in.
  const setSize = total ?? (complete ? entries.length : -1);
  return (
    <>
      <NoteListCount id={countId} notes={notes} />
      <ul
        ref={listRef}
        className="note-list"
        aria-label={searching ? 'Search results' : 'Notes'}
        aria-describedby={countId}
        onKeyDown={view.onKeyDown}
      >
        {/* Not an entry: hidden from assistive technology, which counts the list's items. */}
        <li className="note-list-spacer" aria-hidden="true" style={{ height: view.totalSize }} />
        {view.drawn.map(({ index, start }) => {
          const entry = entries[index];
          if (!entry) return null;
          return (
            <NoteListItem
              key={entry.id}
              entry={entry}
              place={{ index, start, setSize }}
              selected={entry.id === selectedId}
              tabStop={index === tabStopIndex}
              measure={view.measure}
              onFocus={onEntryFocus}
              onSelect={onSelect}
            />
          );
        })}
      </ul>
    </>
  );
}
