import { HIGHLIGHT_END, HIGHLIGHT_START, NOTE_LIMITS } from '../../src-shared/notes';
import type { NotePatch, NoteSortField, SortDirection } from '../../src-shared/notes';
import { describeValue, expectRecord, fail } from './validation-helpers';

/**
 * Runtime checks for everything the repository accepts. The IPC layer hands over
 * `unknown` data from the renderer, so the TypeScript types alone prove nothing; each
 * failure names the field and the limit. Nothing is trimmed or truncated silently.
 */

export const DEFAULT_PAGE_SIZE = NOTE_LIMITS.listPageSize;
export const DEFAULT_SEARCH_LIMIT = NOTE_LIMITS.searchPageSize;
/** The latest instant a JavaScript Date can represent. */
const MAX_TIMESTAMP = 8_640_000_000_000_000;
const SORT_FIELDS: readonly NoteSortField[] = ['updatedAt', 'createdAt', 'title'];
const DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];
const LINE_BREAK = /[\r\n\u2028\u2029]/;
// With the u flag a well-formed surrogate pair is one code point, so only a lone half
// matches. SQLite stores UTF-8, where a lone half would silently become U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

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
  limit: number;
  offset: number;
}

export interface ValidSearchOptions {
  limit: number;
  offset: number;
  includeTrashed: boolean;
}

export function parseNoteId(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    fail(`A note id must be a non-empty string (got ${describeValue(value)}).`);
  }
  return value;
}

export function parseNewNote(value: unknown): ValidNewNote {
  const input = expectRecord(value, 'A new note', ['title', 'body', 'pinned', 'createdAt', 'updatedAt']);
  return {
    title: parseTitle(input.title),
    body: parseBody(input.body),
    pinned: input.pinned === undefined ? false : parseBoolean(input.pinned, 'pinned'),
    createdAt: input.createdAt === undefined ? undefined : parseTimestamp(input.createdAt, 'createdAt'),
    updatedAt: input.updatedAt === undefined ? undefined : parseTimestamp(input.updatedAt, 'updatedAt'),
  };
}

export function parseNotePatch(value: unknown): NotePatch {
  const input = expectRecord(value, 'A note update', ['title', 'body', 'pinned']);
  const patch: NotePatch = {};
  if (input.title !== undefined) patch.title = parseTitle(input.title);
  if (input.body !== undefined) patch.body = parseBody(input.body);
  if (input.pinned !== undefined) patch.pinned = parseBoolean(input.pinned, 'pinned');
  return patch;
}

export function parseListOptions(value: unknown): ValidListOptions {
  const input = expectRecord(value ?? {}, 'List options', [
    'trashed',
    'sort',
    'direction',
    'limit',
    'offset',
  ]);
  return {
    trashed: input.trashed === undefined ? false : parseBoolean(input.trashed, 'trashed'),
    sort: input.sort === undefined ? 'updatedAt' : parseChoice(input.sort, 'sort', SORT_FIELDS),
    direction: input.direction === undefined ? 'desc' : parseChoice(input.direction, 'direction', DIRECTIONS),
    limit: input.limit === undefined ? DEFAULT_PAGE_SIZE : parseLimit(input.limit),
    offset: input.offset === undefined ? 0 : parseOffset(input.offset),
  };
}

export function parseSearchQuery(value: unknown): string {
  if (typeof value !== 'string') fail(`The search query must be a string (got ${describeValue(value)}).`);
  const max = NOTE_LIMITS.searchQueryMaxChars;
  const chars = countChars(value);
  if (chars > max) fail(`The search query is ${chars} characters long; the limit is ${max}. Shorten it.`);
  return value;
}

export function parseSearchOptions(value: unknown): ValidSearchOptions {
  const input = expectRecord(value ?? {}, 'Search options', ['limit', 'offset', 'includeTrashed']);
  return {
    limit: input.limit === undefined ? DEFAULT_SEARCH_LIMIT : parseLimit(input.limit),
    offset: input.offset === undefined ? 0 : parseOffset(input.offset),
    includeTrashed:
      input.includeTrashed === undefined ? false : parseBoolean(input.includeTrashed, 'includeTrashed'),
  };
}

/** `trashed` for count(): same meaning as in list options. */
export function parseCountOptions(value: unknown): { trashed: boolean } {
  const input = expectRecord(value ?? {}, 'Count options', ['trashed']);
  return { trashed: input.trashed === undefined ? false : parseBoolean(input.trashed, 'trashed') };
}

function parseTitle(value: unknown): string {
  if (typeof value !== 'string') fail(`title must be a string (got ${describeValue(value)}).`);
  const max = NOTE_LIMITS.titleMaxChars;
  const chars = countChars(value);
  if (chars > max) {
    fail(`title is ${chars} characters long; the limit is ${max}. Move the rest of the text into the body.`);
  }
  if (LINE_BREAK.test(value)) fail('title must be a single line; put line breaks in the body instead.');
  checkText(value, 'title');
  return value;
}

function parseBody(value: unknown): string {
  if (typeof value !== 'string') fail(`body must be a string (got ${describeValue(value)}).`);
  const max = NOTE_LIMITS.bodyMaxBytes;
  // Every UTF-16 unit is at least one UTF-8 byte, so a too-long string is rejected
  // without measuring it.
  const bytes = value.length > max ? value.length : Buffer.byteLength(value, 'utf8');
  if (bytes > max) {
    fail(
      `body is ${bytes} bytes of UTF-8 text; the limit is ${max} bytes (${max / 1024 / 1024} MiB). ` +
        'Split the note into several notes.',
    );
  }
  checkText(value, 'body');
  return value;
}

function checkText(value: string, field: string): void {
  if (value.includes(HIGHLIGHT_START) || value.includes(HIGHLIGHT_END)) {
    fail(
      `${field} contains the control character U+0002 or U+0003, which NoteVault reserves for search highlights.`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    fail(
      `${field} contains a broken character (an unpaired UTF-16 surrogate) that cannot be stored as text.`,
    );
  }
}

function parseBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fail(`${field} must be true or false (got ${describeValue(value)}).`);
  return value;
}

function parseTimestamp(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMESTAMP) {
    fail(
      `${field} must be a whole number of milliseconds since 1970-01-01, from 0 to ${MAX_TIMESTAMP} ` +
        `(got ${describeValue(value)}).`,
    );
  }
  return value;
}

function parseLimit(value: unknown): number {
  const max = NOTE_LIMITS.pageMaxSize;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fail(`limit must be a whole number from 1 to ${max} (got ${describeValue(value)}).`);
  }
  return value;
}

function parseOffset(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(`offset must be a whole number of 0 or more (got ${describeValue(value)}).`);
  }
  return value;
}

function parseChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T {
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    fail(`${field} must be one of ${choices.join(', ')} (got ${describeValue(value)}).`);
  }
  return value as T;
}

/**
 * Counts Unicode code points, so an emoji is one character as a person sees it: every
 * UTF-16 unit counts except the second half of a surrogate pair.
 */
function countChars(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const previous = value.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count -= 1;
    }
  }
  return count;
}
