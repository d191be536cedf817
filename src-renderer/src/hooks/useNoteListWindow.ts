import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import type { Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useState } from 'react';
import type { KeyboardEvent, RefObject } from 'react';
import type { NoteEntry } from './useNoteEntries';

/** A first guess at an entry's height (two lines of text); each is measured once drawn. */
const ESTIMATED_ENTRY_PX = 58;
/** Entries drawn beyond each edge of the view, so a fast scroll or an arrow key meets one. */
const OVERSCAN = 8;
/** The next page is asked for while this many loaded entries are still below the view. */
const LOAD_AHEAD = 40;

/** Where each key moves focus, from the entry at `index` of `count`. */
function keyTarget(key: string, index: number, count: number): number | undefined {
  const last = count - 1;
  return {
    ArrowDown: Math.min(index + 1, last),
    ArrowUp: Math.max(index - 1, 0),
    Home: 0,
    End: last,
  }[key];
}

interface NoteListWindowOptions {
  entries: NoteEntry[] | null;
  complete: boolean;
  loadMore: (shown: NoteEntry[]) => void;
  /** The list's scrolling element. */
  list: RefObject<HTMLUListElement | null>;
  /** The entry that holds the list's one Tab stop; always drawn, wherever the list is scrolled. */
  tabStopIndex: number;
}

/**
 * The window of a virtualised notes list: which entries are drawn (those near view, plus the
 * Tab stop and an entry focus is moving to), where, and how the keyboard moves through all
 * of them. Arrow keys, Home and End move by index: the entry they reach is drawn first, then
 * focused (`focusIndex` does the same for other callers). Drawing the last loaded entries, by
 * scrolling or by keyboard, reads the next page.
 */
export function useNoteListWindow({
  entries,
  complete,
  loadMore,
  list,
  tabStopIndex,
}: NoteListWindowOptions) {
  const loaded = entries ?? [];
  // The entry a key or a focus request is moving to: drawn in the next render, then focused.
  // Held by id, not index: the list may re-read in between (after Move to trash the note
  // leaves it), and an index would then point past the end or at another note.
  const [pendingFocusId, setPendingFocusId] = useState<string | null>(null);
  const pendingIndex =
    pendingFocusId === null ? -1 : loaded.findIndex((entry) => entry.id === pendingFocusId);
  const pendingFocus = pendingIndex >= 0 ? pendingIndex : null;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = new Set(defaultRangeExtractor(range));
      for (const kept of [tabStopIndex, pendingFocus]) {
        if (kept !== null && kept >= 0 && kept < range.count) drawn.add(kept);
      }
      return [...drawn].sort((a, b) => a - b);
    },
    [tabStopIndex, pendingFocus],
  );

  const virtualizer = useVirtualizer({
    count: loaded.length,
    getScrollElement: () => list.current,
    estimateSize: () => ESTIMATED_ENTRY_PX,
    overscan: OVERSCAN,
    getItemKey: (index) => loaded[index]?.id ?? index,
    rangeExtractor,
  });
  const drawn = virtualizer.getVirtualItems();
  // Read after getVirtualItems, which works the range out.
  const lastInView = virtualizer.range?.endIndex ?? -1;

  useEffect(() => {
    if (entries && !complete && lastInView >= entries.length - LOAD_AHEAD) loadMore(entries);
  }, [entries, complete, lastInView, loadMore]);

  useEffect(() => {
    if (pendingFocusId === null) return;
    // The entry left the list before it could be focused: nothing to move to any more.
    if (pendingFocus === null) return setPendingFocusId(null);
    const entry = list.current?.querySelector<HTMLButtonElement>(`[data-index="${pendingFocus}"] button`);
    if (!entry) return;
    setPendingFocusId(null);
    entry.focus();
  });

  const focusIndex = useCallback((index: number) => setPendingFocusId(loaded[index]?.id ?? null), [loaded]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const from = Number(
      (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-index]')?.dataset.index,
    );
    if (!Number.isInteger(from)) return;
    const target = keyTarget(event.key, from, loaded.length);
    if (target === undefined) return;
    event.preventDefault();
    focusIndex(target);
  };

  return {
    drawn,
    totalSize: virtualizer.getTotalSize(),
    measure: virtualizer.measureElement,
    focusIndex,
    onKeyDown,
  };
}
