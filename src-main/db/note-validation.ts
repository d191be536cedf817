import { NOTE_LIMITS } from '../../src-shared/notes';
import type { NotePatch, NoteSortField, SortDirection } from '../../src-shared/notes';
import {
  countOptionsFields,
  listOptionsFields,
  newNoteFields,
  noteId,
  notePatchFields,
  record,
  searchOptionsFields,
  searchQuery,
  timestamp,
} from '../../src-shared/note-rules';
import { parseOrThrow } from '../../src-shared/validation-message';

/**
 * The repository's runtime checks, built from the same rules the IPC contract uses
 * (src-shared/note-rules.ts). The IPC layer and the command-line importer hand over data
 * the TypeScript types prove nothing about, so everything stored is checked here; this file
 * only adds the repository's own shapes (importers may set timestamps) and its defaults.
 */

export const DEFAULT_PAGE_SIZE = NOTE_LIMITS.listPageSize;
export const DEFAULT_SEARCH_LIMIT = NOTE_LIMITS.searchPageSize;

export interface ValidNewNote {
  title: string;
  body: string;
  pinned: boolean;
  createdAt: number | undefined;
  updatedAt: number | undefined;
}

export interface ValidListOptions {
  trashed: boolean;
  sort: NoteSortField;
  direction: SortDirection;
  /** Empty: no tag filter. */
  tags: string[];
  limit: number;
  offset: number;
}

export interface ValidSearchOptions {
  tags: string[];
  limit: number;
  offset: number;
  includeTrashed: boolean;
}

const newNote = record('A new note', {
  ...newNoteFields,
  createdAt: timestamp('createdAt').optional(),
  updatedAt: timestamp('updatedAt').optional(),
});
const notePatch = record('A note update', notePatchFields);
const listOptions = record('List options', listOptionsFields);
const searchOptions = record('Search options', searchOptionsFields);
const countOptions = record('Count options', countOptionsFields);

export function parseNoteId(value: unknown): string {
  return parseOrThrow(noteId, value);
}

export function parseNewNote(value: unknown): ValidNewNote {
  const input = parseOrThrow(newNote, value);
  return {
    title: input.title,
    body: input.body,
    pinned: input.pinned ?? false,
    createdAt: input.createdAt,
    updatedAt: input.updatedAt,
  };
}

export function parseNotePatch(value: unknown): NotePatch {
  const input = parseOrThrow(notePatch, value);
  const patch: NotePatch = {};
  if (input.title !== undefined) patch.title = input.title;
  if (input.body !== undefined) patch.body = input.body;
  if (input.pinned !== undefined) patch.pinned = input.pinned;
  return patch;
}

export function parseListOptions(value: unknown): ValidListOptions {
  const input = parseOrThrow(listOptions, value ?? {});
  return {
    trashed: input.trashed ?? false,
    sort: input.sort ?? 'updatedAt',
    direction: input.direction ?? 'desc',
    tags: input.tags ?? [],
    limit: input.limit ?? DEFAULT_PAGE_SIZE,
    offset: input.offset ?? 0,
  };
}

export function parseSearchQuery(value: unknown): string {
  return parseOrThrow(searchQuery, value);
}

export function parseSearchOptions(value: unknown): ValidSearchOptions {
  const input = parseOrThrow(searchOptions, value ?? {});
  return {
    tags: input.tags ?? [],
    limit: input.limit ?? DEFAULT_SEARCH_LIMIT,
    offset: input.offset ?? 0,
    includeTrashed: input.includeTrashed ?? false,
  };
}

/** `trashed` for count(): same meaning as in list options. */
export function parseCountOptions(value: unknown): { trashed: boolean } {
  const input = parseOrThrow(countOptions, value ?? {});
  return { trashed: input.trashed ?? false };
}
