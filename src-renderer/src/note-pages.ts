import { NOTE_LIMITS } from '../../src-shared/notes';

/** One answer from the main process: a list page (with its total) or a page of search hits. */
export interface EntryPage<T> {
  items: T[];
  /** How many entries the whole view holds; null where the source does not count (search). */
  total: number | null;
}

export type PageReader<T> = (offset: number, limit: number) => Promise<EntryPage<T>>;

/** The entries of a view read so far, from the top. */
export interface LoadedPages<T> {
  entries: T[];
  /** The latest total the source reported; null where it does not count. */
  total: number | null;
  /** Where the next page starts. */
  nextOffset: number;
  /** Every entry of the view has been read. */
  complete: boolean;
}

const EMPTY = { entries: [], total: null, nextOffset: 0, complete: false };

/**
 * Adds the page read at `offset` with `limit`. The view is complete when the page reaches the
 * total or comes back short (all an uncounted source can say; for a counted one it also stops
 * a page that came back empty from being asked for again and again). An id already shown is
 * skipped: a note that moved up between two reads would otherwise appear twice until the
 * re-read its change triggers.
 */
export function addPage<T extends { id: string }>(
  loaded: LoadedPages<T>,
  page: EntryPage<T>,
  offset: number,
  limit: number,
): LoadedPages<T> {
  const seen = new Set(loaded.entries.map((entry) => entry.id));
  const nextOffset = offset + page.items.length;
  return {
    entries: [...loaded.entries, ...page.items.filter((item) => !seen.has(item.id))],
    total: page.total,
    nextOffset,
    complete: page.items.length < limit || (page.total !== null && nextOffset >= page.total),
  };
}

/**
 * Reads the first `count` entries (at least one page of `pageSize`), in requests no larger
 * than the main process accepts. Re-reading as many entries as were shown keeps the pages a
 * person has scrolled through when the notes change.
 */
export async function readFirst<T extends { id: string }>(
  read: PageReader<T>,
  count: number,
  pageSize: number,
): Promise<LoadedPages<T>> {
  const wanted = Math.max(count, pageSize);
  let loaded: LoadedPages<T> = EMPTY;
  while (!loaded.complete && loaded.nextOffset < wanted) {
    const offset = loaded.nextOffset;
    const limit = Math.min(NOTE_LIMITS.pageMaxSize, wanted - offset);
    loaded = addPage(loaded, await read(offset, limit), offset, limit);
  }
  return loaded;
}

/** Reads the page after the loaded ones. */
export async function readNext<T extends { id: string }>(
  read: PageReader<T>,
  loaded: LoadedPages<T>,
  pageSize: number,
): Promise<LoadedPages<T>> {
  const page = await read(loaded.nextOffset, pageSize);
  return addPage(loaded, page, loaded.nextOffset, pageSize);
}
