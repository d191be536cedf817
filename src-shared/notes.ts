/** The note model as both processes see it. Times are milliseconds since the Unix epoch (UTC). */
export interface Note {
  id: string;
  title: string;
  body: string;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  /** Set when the note is in the trash; null for live notes. */
  trashedAt: number | null;
}

export const NOTE_LIMITS = {
  /** Titles are one line in a list; longer text belongs in the body. */
  titleMaxChars: 500,
  /** Generous for Markdown, small enough that a runaway paste cannot bloat every backup. */
  bodyMaxBytes: 16 * 1024 * 1024,
  pageMaxSize: 500,
  /**
   * One page when the caller names no limit; the window reads its lists in pages this size
   * too, so the first screenful is quick whatever the number of notes.
   */
  listPageSize: 100,
  searchPageSize: 50,
  searchQueryMaxChars: 1000,
} as const;

export type NoteSortField = 'updatedAt' | 'createdAt' | 'title';
export type SortDirection = 'asc' | 'desc';

export interface ListNotesOptions {
  /** Live notes by default; `true` lists the trash instead. */
  trashed?: boolean;
  sort?: NoteSortField;
  direction?: SortDirection;
  /**
   * Only notes carrying every one of these tags (a tag also matches the tags nested under it:
   * "work" matches a note tagged "work/x"). Absent or empty: no filter.
   */
  tags?: string[];
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export interface NewNote {
  title: string;
  body: string;
  pinned?: boolean;
  /** Only importers set these, to keep the timestamps of the original files. */
  createdAt?: number;
  updatedAt?: number;
}

export interface NotePatch {
  title?: string;
  body?: string;
  pinned?: boolean;
}

/**
 * Search snippets mark matches with these two control characters rather than HTML,
 * so the renderer highlights them without ever parsing note text as markup.
 */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface SearchHit {
  id: string;
  title: string;
  pinned: boolean;
  updatedAt: number;
  /** A fragment of the title or body around the matches, matches wrapped in HIGHLIGHT_START/END. */
  snippet: string;
  /** FTS5 bm25 rank: lower is a better match. */
  rank: number;
}
