import { z } from 'zod';
import { HIGHLIGHT_END, HIGHLIGHT_START, NOTE_LIMITS } from './notes';
import type { NoteSortField, SortDirection } from './notes';
import { TAG_LIMITS, tagNameList } from './tag-rules';

/**
 * The one set of rules for what a note and a notes request may contain. The IPC contract
 * builds its request schemas from these, and the repository checks everything it stores with
 * them too, so a note from the window, from `notevault import` or from a test meets the same
 * rules with the same messages. Each message names the field and the limit; nothing is
 * trimmed or truncated silently.
 */

/** The latest instant a JavaScript Date can represent. */
export const MAX_TIMESTAMP = 8_640_000_000_000_000;
const NOTE_ID_MAX_CHARS = 100;
const SORT_FIELDS: readonly [NoteSortField, ...NoteSortField[]] = ['updatedAt', 'createdAt', 'title'];
const DIRECTIONS: readonly [SortDirection, ...SortDirection[]] = ['asc', 'desc'];
const LINE_BREAK = /[\r\n\u2028\u2029]/;
// With the u flag a well-formed surrogate pair is one code point, so only a lone half
// matches. SQLite stores UTF-8, where a lone half would silently become U+FFFD.
const LONE_SURROGATE = /\p{Cs}/u;

export const noteId = z
  .string({ error: (issue) => `A note id must be a non-empty string (got ${describeValue(issue.input)}).` })
  .min(1, { error: 'A note id must be a non-empty string (got "").' })
  .max(NOTE_ID_MAX_CHARS, {
    error: `A note id is at most ${NOTE_ID_MAX_CHARS} characters; this does not look like a NoteVault note id.`,
  });

export const noteTitle = z
  .string({ error: (issue) => `A title must be text (got ${describeValue(issue.input)}).` })
  .check((ctx) => {
    const max = NOTE_LIMITS.titleMaxChars;
    const chars = countCodePoints(ctx.value);
    const problem =
      chars > max
        ? `A title is ${chars} characters long; the limit is ${max}. Move the rest of the text into the body.`
        : LINE_BREAK.test(ctx.value)
          ? 'A title must be a single line; put line breaks in the body instead.'
          : textProblem(ctx.value, 'A title');
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

export const noteBody = z
  .string({ error: (issue) => `A note body must be text (got ${describeValue(issue.input)}).` })
  .check((ctx) => {
    const max = NOTE_LIMITS.bodyMaxBytes;
    // Every UTF-16 unit is one to three UTF-8 bytes, so only a body between max/3 and max
    // units is measured (about 80 ms at 16 MiB): a too-long one is refused by its length.
    const { length } = ctx.value;
    const bytes = length > max ? length : length * 3 > max ? utf8ByteLength(ctx.value) : undefined;
    const problem =
      bytes !== undefined && bytes > max
        ? `A note body is ${bytes} bytes of UTF-8 text; the limit is ${max} bytes (${max / 1024 / 1024} MiB). ` +
          'Split the note into several notes.'
        : textProblem(ctx.value, 'A note body');
    if (problem !== undefined) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
  });

/** Only importers set timestamps, to keep the times of the original files. */
export function timestamp(field: string) {
  return z
    .number({ error: (issue) => timestampMessage(field, issue.input) })
    .refine((value) => Number.isInteger(value) && value >= 0 && value <= MAX_TIMESTAMP, {
      error: (issue) => timestampMessage(field, issue.input),
    });
}

export function flag(field: string) {
  return z.boolean({
    error: (issue) => `${field} must be true or false (got ${describeValue(issue.input)}).`,
  });
}

export const pageLimit = z
  .number({ error: (issue) => limitMessage(issue.input) })
  .refine((value) => Number.isInteger(value) && value >= 1 && value <= NOTE_LIMITS.pageMaxSize, {
    error: (issue) => limitMessage(issue.input),
  });

export const pageOffset = z
  .number({ error: (issue) => offsetMessage(issue.input) })
  .refine((value) => Number.isSafeInteger(value) && value >= 0, {
    error: (issue) => offsetMessage(issue.input),
  });

export const sortField = choice('sort', SORT_FIELDS);
export const sortDirection = choice('direction', DIRECTIONS);

export const searchQuery = z
  .string({ error: (issue) => `The search query must be text (got ${describeValue(issue.input)}).` })
  .check((ctx) => {
    const max = NOTE_LIMITS.searchQueryMaxChars;
    const chars = countCodePoints(ctx.value);
    if (chars > max) {
      ctx.issues.push({
        code: 'custom',
        message: `The search query is ${chars} characters long; the limit is ${max}. Shorten it.`,
        input: ctx.value,
      });
    }
  });

/** The fields a new note may have in every path that creates one. */
export const newNoteFields = { title: noteTitle, body: noteBody, pinned: flag('pinned').optional() };
export const notePatchFields = {
  title: noteTitle.optional(),
  body: noteBody.optional(),
  pinned: flag('pinned').optional(),
};
export const listOptionsFields = {
  trashed: flag('trashed').optional(),
  sort: sortField.optional(),
  direction: sortDirection.optional(),
  tags: tagNameList(TAG_LIMITS.filterMax, 'tags').optional(),
  limit: pageLimit.optional(),
  offset: pageOffset.optional(),
};
export const searchOptionsFields = {
  /** As in the list: only notes carrying every one of these tags (or a tag nested under it). */
  tags: tagNameList(TAG_LIMITS.filterMax, 'tags').optional(),
  limit: pageLimit.optional(),
  offset: pageOffset.optional(),
  includeTrashed: flag('includeTrashed').optional(),
};
export const countOptionsFields = { trashed: flag('trashed').optional() };

/**
 * A plain object with only these fields: a misspelt field must not be ignored. `what` names
 * it in messages ("A new note").
 */
export function record<Shape extends z.core.$ZodLooseShape>(what: string, shape: Shape) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return `${what} has unknown field(s) ${issue.keys.join(', ')}; allowed fields are ${allowed}.`;
      }
      if (issue.code === 'invalid_type')
        return `${what} must be an object (got ${describeValue(issue.input)}).`;
      return undefined;
    },
  });
}

// C0 controls but tab, line feed and carriage return; DEL; C1 controls. They carry no text a
// person means to keep, and U+0002/U+0003 are the search-highlight markers noteBody refuses.
// eslint-disable-next-line no-control-regex -- matching control characters is this rule's job
const STRIPPED_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * `text` without control characters (tab, line feed and carriage return stay). The editor
 * cleans what is typed or pasted with it, so a stray control character from a PDF or a
 * terminal never refuses a whole save; noteTitle/noteBody still refuse the reserved ones as a
 * last defence for anything that did not come through the editor.
 */
export function stripControlCharacters(text: string): string {
  return text.replace(STRIPPED_CONTROLS, '');
}

/** A short description of a rejected value for error messages, never the whole value. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'undefined':
      return 'nothing';
    default:
      return `a value of type ${typeof value}`;
  }
}

/**
 * Counts Unicode code points, so an emoji is one character as a person sees it: every
 * UTF-16 unit counts except the second half of a surrogate pair.
 */
export function countCodePoints(value: string): number {
  let count = value.length;
  for (let i = 1; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) {
      const previous = value.charCodeAt(i - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count -= 1;
    }
  }
  return count;
}

/**
 * The length of `value` in UTF-8, as SQLite stores it (and as Node's Buffer.byteLength counts:
 * a lone surrogate becomes the three bytes of U+FFFD). Shared code has no Buffer.
 */
export function utf8ByteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(value.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function textProblem(value: string, subject: string): string | undefined {
  if (value.includes(HIGHLIGHT_START) || value.includes(HIGHLIGHT_END)) {
    return `${subject} contains the control character U+0002 or U+0003, which NoteVault reserves for search highlights.`;
  }
  if (LONE_SURROGATE.test(value)) {
    return `${subject} contains a broken character (an unpaired UTF-16 surrogate) that cannot be stored as text.`;
  }
  return undefined;
}

function choice<T extends string>(field: string, choices: readonly [T, ...T[]]) {
  return z.enum(choices, {
    error: (issue) => `${field} must be one of ${choices.join(', ')} (got ${describeValue(issue.input)}).`,
  });
}

function timestampMessage(field: string, value: unknown): string {
  return (
    `${field} must be a whole number of milliseconds since 1970-01-01, from 0 to ${MAX_TIMESTAMP} ` +
    `(got ${describeValue(value)}).`
  );
}

function limitMessage(value: unknown): string {
  return `limit must be a whole number from 1 to ${NOTE_LIMITS.pageMaxSize} (got ${describeValue(value)}).`;
}

function offsetMessage(value: unknown): string {
  return `offset must be a whole number of 0 or more (got ${describeValue(value)}).`;
}
