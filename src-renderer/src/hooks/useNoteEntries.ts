import { useCallback, useEffect, useRef, useState } from 'react';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import type { Note, SearchHit } from '../../../src-shared/notes';
import type { NotevaultApi } from '../../../src-shared/ipc/client';
import { useApi } from '../api-context';
import { firstLine } from '../format';
import { readFirst, readNext } from '../note-pages';
import type { LoadedPages, PageReader } from '../note-pages';

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

/** What a view shows: the entries read so far and how to read more. */
export interface NoteEntries {
  /** null until the first page of the view arrives. */
  entries: NoteEntry[] | null;
  /** How many notes the view holds; null for search results, which are not counted. */
  total: number | null;
  /** Every entry of the view is loaded. */
  complete: boolean;
  /**
   * Reads the page after `shown`, the entries the caller saw. Does nothing when they are no
   * longer the latest (a late signal from an earlier render: the page after them was read
   * already), while a read is running, or when the view is complete.
   */
  loadMore: (shown: NoteEntry[]) => void;
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

interface Source {
  read: PageReader<NoteEntry>;
  pageSize: number;
}

function sourceFor(api: NotevaultApi, view: NotesView, query: string): Source {
  const { notes } = api;
  if (view === 'notes' && query.trim() !== '') {
    return {
      pageSize: NOTE_LIMITS.searchPageSize,
      read: async (offset, limit) => ({
        items: (await notes.search({ query, offset, limit })).map(fromHit),
        total: null,
      }),
    };
  }
  return {
    pageSize: NOTE_LIMITS.listPageSize,
    read: async (offset, limit) => {
      const page = await notes.list({ trashed: view === 'trash', offset, limit });
      return { items: page.items.map(fromNote), total: page.total };
    },
  };
}

interface Shown extends LoadedPages<NoteEntry> {
  /** The view and query these entries belong to. */
  view: NotesView;
  query: string;
}

/**
 * The notes to show for a view and search query, a page at a time (`loadMore` reads the
 * next). When `version` changes the view is re-read down to as many entries as were shown,
 * so an edit neither drops the pages a person scrolled through nor moves the list; a new view
 * or query starts again from one page. Every read belongs to a generation, and an answer
 * that arrives after a newer generation started is dropped, so fast typing in the search box
 * never shows results for an older query and a page read before an edit is never appended
 * to the list re-read after it.
 */
export function useNoteEntries(
  view: NotesView,
  query: string,
  version: number,
  onError: (error: unknown) => void,
): NoteEntries {
  const api = useApi();
  const [shown, setShown] = useState<Shown | null>(null);
  // The effect and loadMore need what is shown now without re-running when it changes.
  const latest = useRef<Shown | null>(null);
  const generation = useRef(0);
  const reading = useRef(false);

  const run = useCallback(
    (read: () => Promise<LoadedPages<NoteEntry>>, of: Pick<Shown, 'view' | 'query'>) => {
      const mine = generation.current;
      reading.current = true;
      read().then(
        (loaded) => {
          if (generation.current !== mine) return;
          reading.current = false;
          latest.current = { ...loaded, view: of.view, query: of.query };
          setShown(latest.current);
        },
        (error: unknown) => {
          if (generation.current !== mine) return;
          reading.current = false;
          onError(error);
        },
      );
    },
    [onError],
  );

  useEffect(() => {
    generation.current += 1;
    const previous = latest.current;
    const sameView = previous !== null && previous.view === view && previous.query === query;
    const { read, pageSize } = sourceFor(api, view, query);
    run(() => readFirst(read, sameView ? previous.nextOffset : 0, pageSize), { view, query });
    return () => {
      generation.current += 1;
    };
  }, [api, view, query, version, run]);

  const loadMore = useCallback(
    (seen: NoteEntry[]) => {
      const current = latest.current;
      if (reading.current || current === null || current.complete || current.entries !== seen) return;
      const { read, pageSize } = sourceFor(api, current.view, current.query);
      run(() => readNext(read, current, pageSize), current);
    },
    [api, run],
  );

  return {
    entries: shown?.entries ?? null,
    total: shown?.total ?? null,
    complete: shown?.complete ?? false,
    loadMore,
  };
}
