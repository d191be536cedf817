import { useCallback, useState } from 'react';
import type { NoteListFocusRequest } from '../components/NoteList';
import type { NoteEntry } from './useNoteEntries';

/**
 * After Move to trash, focus goes to the note below it in the list (above it for the last
 * one), or to the list's message when none is left. `noteTrashed` closes the note (`select`)
 * and asks NoteList for that focus through `listFocus`.
 */
export function useFocusAfterTrash(entries: NoteEntry[] | null, select: (id: null) => void) {
  const [listFocus, setListFocus] = useState<NoteListFocusRequest | null>(null);
  const noteTrashed = useCallback(
    (id: string) => {
      const loaded = entries ?? [];
      const index = loaded.findIndex((entry) => entry.id === id);
      const next = index < 0 ? undefined : (loaded[index + 1] ?? loaded[index - 1]);
      select(null);
      setListFocus({ gone: id, next: next?.id ?? null });
    },
    [entries, select],
  );
  return { listFocus, noteTrashed };
}
