import { useCallback, useEffect } from 'react';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import type { Note, NoteSortField, SearchHit, SortDirection } from '../../../src-shared/notes';
import type { NotevaultApi } from '../../../src-shared/ipc/client';
import { useApi } from '../api-context';
import { markdownPreview } from '../../../src-shared/markdown/markdown-preview';
import { firstImageHashIn } from '../../../src-shared/attachments';
import { readFirst, readNext } from '../note-pages';
import { useLatestCallStore } from './useLatestCall';
import type { LoadedPages, PageReader } from '../note-pages';

export type NotesView = 'notes' | 'trash';

/** How a listing (not a search) is ordered and which tags it is filtered by. */
export interface ListOrder {
  sort: NoteSortField;
  direction: SortDirection;
  /** Only notes carrying all of these (and their nested tags); empty for every note. */
  tags: string[];
}

const NEWEST_FIRST: ListOrder = { sort: 'updatedAt', direction: 'desc', tags: [] };

/** One row of the sidebar: a note, or a search hit with its highlighted snippet. */
export interface NoteEntry {
  id: string;
  title: string;
  pinned: boolean;
  updatedAt: number;
  /** A search snippet with highlight marks, or null for a plain listing. */
  snippet: string | null;
  excerpt: string;
  /** The note's first image, for a thumbnail (a search hit carries none). */
  thumbnail: string | null;
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
  excerpt: markdownPreview(note.body),
  thumbnail: firstImageHashIn(note.body),
});

const fromHit = (hit: SearchHit): NoteEntry => ({
  ...hit,
  snippet: hit.snippet,
  excerpt: '',
  thumbnail: null,
});

interface Source {
  read: PageReader<NoteEntry>;
  pageSize: number;
}

function sourceFor(api: NotevaultApi, view: NotesView, query: string, order: ListOrder): Source {
  const { notes } = api;
  // The tag filter narrows a search as it narrows the list.
  const filter = order.tags.length > 0 ? { tags: order.tags } : {};
  if (view === 'notes' && query.trim() !== '') {
    return {
      pageSize: NOTE_LIMITS.searchPageSize,
      read: async (offset, limit) => ({
        items: (await notes.search({ query, ...filter, offset, limit })).map(fromHit),
        total: null,
      }),
    };
  }
  return {
    pageSize: NOTE_LIMITS.listPageSize,
    read: async (offset, limit) => {
      const { sort, direction } = order;
      const page = await notes.list({ trashed: view === 'trash', sort, direction, ...filter, offset, limit });
      return { items: page.items.map(fromNote), total: page.total };
    },
  };
}

interface Shown extends LoadedPages<NoteEntry> {
  /** The view, query and order these entries belong to. */
  view: NotesView;
  query: string;
  order: ListOrder;
}

/**
 * The notes to show for a view and search query, a page at a time (`loadMore` reads the
 * next). When `version` changes the view is re-read down to as many entries as were shown,
 * so an edit neither drops the pages a person scrolled through nor moves the list; a new view
 * or query starts again from one page. Only the newest read's answer is kept (LatestCall),
 * so fast typing in the search box never shows results for an older query and a page read
 * before an edit is never appended to the list re-read after it.
 */
export function useNoteEntries(
  view: NotesView,
  query: string,
  version: number,
  onError: (error: unknown) => void,
  order: ListOrder = NEWEST_FIRST,
): NoteEntries {
  const api = useApi();
  // Every read, first pages or the next one, goes through one LatestCall: only the answer of
  // the newest read is shown, and `loading` says a read is running.
  const [reads, { data: shown }] = useLatestCallStore<Shown>(onError);

  const run = useCallback(
    (read: () => Promise<LoadedPages<NoteEntry>>, of: Pick<Shown, 'view' | 'query' | 'order'>) =>
      reads.run(() =>
        read().then((loaded) => ({ ...loaded, view: of.view, query: of.query, order: of.order })),
      ),
    [reads],
  );

  useEffect(() => {
    // What is shown now, read here without re-running when it changes.
    const previous = reads.getSnapshot().data;
    const sameView =
      previous !== undefined &&
      previous.view === view &&
      previous.query === query &&
      previous.order === order;
    const { read, pageSize } = sourceFor(api, view, query, order);
    run(() => readFirst(read, sameView ? previous.nextOffset : 0, pageSize), { view, query, order });
    return () => reads.abandon();
  }, [api, reads, view, query, version, run, order]);

  const loadMore = useCallback(
    (seen: NoteEntry[]) => {
      const { data: current, loading } = reads.getSnapshot();
      if (loading || current === undefined || current.complete || current.entries !== seen) return;
      const { read, pageSize } = sourceFor(api, current.view, current.query, current.order);
      run(() => readNext(read, current, pageSize), current);
    },
    [api, reads, run],
  );

  return {
    entries: shown?.entries ?? null,
    total: shown?.total ?? null,
    complete: shown?.complete ?? false,
    loadMore,
  };
}
