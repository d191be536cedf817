import { useEffect, useState } from 'react';
import type { Note, SearchHit } from '../../../src-shared/notes';
import { notevault } from '../api';
import { firstLine } from '../format';

export type NotesView = 'notes' | 'trash';

/** One row of the sidebar: a note, or a search hit with its highlighted snippet. */
export interface NoteEntry {
  id: string;
  title: string;
  pinned: boolean;
  updatedAt: number;
  /** A search snippet with highlight marks, or null for a plain listing. */
  snippet: string | null;
  excerpt: string;
}

const fromNote = (note: Note): NoteEntry => ({
  id: note.id,
  title: note.title,
  pinned: note.pinned,
  updatedAt: note.updatedAt,
  snippet: null,
  excerpt: firstLine(note.body),
});

const fromHit = (hit: SearchHit): NoteEntry => ({ ...hit, snippet: hit.snippet, excerpt: '' });

/**
 * The notes to show for a view and search query, re-read whenever `version` changes.
 * Replies that arrive after a newer request started are dropped, so fast typing in the
 * search box never shows results for an older query.
 */
export function useNoteEntries(
  view: NotesView,
  query: string,
  version: number,
  onError: (error: unknown) => void,
): NoteEntry[] | null {
  const [entries, setEntries] = useState<NoteEntry[] | null>(null);

  useEffect(() => {
    let current = true;
    const load = async (): Promise<NoteEntry[]> => {
      const notes = notevault().notes;
      if (view === 'trash') return (await notes.list({ trashed: true })).items.map(fromNote);
      if (query.trim() !== '') return (await notes.search({ query })).map(fromHit);
      return (await notes.list()).items.map(fromNote);
    };
    load().then(
      (loaded) => {
        if (current) setEntries(loaded);
      },
      (error: unknown) => {
        if (current) onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [view, query, version, onError]);

  return entries;
}
