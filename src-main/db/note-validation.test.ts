import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { ipcRequests } from '../../src-shared/ipc/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START, NOTE_LIMITS } from '../../src-shared/notes';
import { describeValidationIssues } from '../../src-shared/validation-message';
import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_SEARCH_LIMIT,
  parseCountOptions,
  parseListOptions,
  parseNewNote,
  parseNoteId,
  parseNotePatch,
  parseSearchOptions,
  parseSearchQuery,
} from './note-validation';

/** Expects a VALIDATION error whose message matches every pattern. */
function expectInvalid(action: () => unknown, ...patterns: RegExp[]): void {
  let error: unknown;
  try {
    action();
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(NoteVaultError);
  expect((error as NoteVaultError).code).toBe('VALIDATION');
  for (const pattern of patterns) expect((error as NoteVaultError).message).toMatch(pattern);
}

const note = (fields: Record<string, unknown>) => ({ title: 'T', body: 'B', ...fields });
const maxTitle = NOTE_LIMITS.titleMaxChars;
const maxBody = NOTE_LIMITS.bodyMaxBytes;
const maxPage = NOTE_LIMITS.pageMaxSize;

describe('parseNewNote', () => {
  it('accepts a minimal note and fills defaults', () => {
    expect(parseNewNote({ title: '', body: '' })).toEqual({
      title: '',
      body: '',
      pinned: false,
      createdAt: undefined,
      updatedAt: undefined,
    });
  });

  it('rejects a value that is not an object, and unknown fields', () => {
    for (const value of [null, undefined, 'note', 42, ['title']])
      expectInvalid(() => parseNewNote(value), /must be an object/);
    expectInvalid(() => parseNewNote(note({ titel: 'typo' })), /unknown field\(s\) titel/);
  });

  it('rejects a title that is not a string', () => {
    for (const title of [undefined, null, 5, { text: 'x' }])
      expectInvalid(() => parseNewNote(note({ title })), /title must be text/);
  });

  it(`counts title characters as people do and stops at ${maxTitle}`, () => {
    expect(parseNewNote(note({ title: 'x'.repeat(maxTitle) })).title).toHaveLength(maxTitle);
    expect(parseNewNote(note({ title: '😀'.repeat(maxTitle) })).title).toHaveLength(maxTitle * 2);
    expectInvalid(
      () => parseNewNote(note({ title: 'x'.repeat(maxTitle + 1) })),
      /title is 501 characters/,
      /limit is 500/,
    );
    expectInvalid(() => parseNewNote(note({ title: '😀'.repeat(maxTitle + 1) })), /title is 501 characters/);
    expectInvalid(() => parseNewNote(note({ title: 'x'.repeat(100_000) })), /title is \d+ characters/);
  });

  it('rejects a title with a line break', () => {
    for (const title of ['one\ntwo', 'one\r\ntwo', 'one\rtwo', 'one\u2028two']) {
      expectInvalid(() => parseNewNote(note({ title })), /title must be a single line/);
    }
  });

  it('rejects a body that is not a string', () => {
    for (const body of [undefined, null, 1, ['a']])
      expectInvalid(() => parseNewNote(note({ body })), /body must be text/);
  });

  it(`measures the body in UTF-8 bytes and stops at ${maxBody}`, () => {
    expect(parseNewNote(note({ body: 'a'.repeat(maxBody) })).body).toHaveLength(maxBody);
    // 'é' is two UTF-8 bytes: half as many characters already reach the limit.
    expect(parseNewNote(note({ body: 'é'.repeat(maxBody / 2) })).body).toHaveLength(maxBody / 2);
    expectInvalid(
      () => parseNewNote(note({ body: 'é'.repeat(maxBody / 2) + 'a' })),
      /body is 16777217 bytes/,
      /limit is 16777216 bytes/,
    );
    expectInvalid(() => parseNewNote(note({ body: 'a'.repeat(maxBody + 1) })), /body is 16777217 bytes/);
  });

  it('rejects the reserved highlight characters and broken surrogates in title and body', () => {
    for (const field of ['title', 'body']) {
      expectInvalid(
        () => parseNewNote(note({ [field]: `a${HIGHLIGHT_START}b` })),
        new RegExp(`${field} contains the control`),
      );
      expectInvalid(
        () => parseNewNote(note({ [field]: `a${HIGHLIGHT_END}b` })),
        /reserves for search highlights/,
      );
      expectInvalid(
        () => parseNewNote(note({ [field]: 'half \uD83D emoji' })),
        new RegExp(`${field} contains a broken`),
      );
    }
    expect(parseNewNote(note({ title: '😀 ok', body: '😀 ok' })).title).toBe('😀 ok');
  });

  it('rejects pinned that is not a boolean', () => {
    for (const pinned of [1, 'true', null])
      expectInvalid(() => parseNewNote(note({ pinned })), /pinned must be true or false/);
  });

  it('rejects timestamps that are not whole non-negative milliseconds', () => {
    for (const field of ['createdAt', 'updatedAt']) {
      for (const value of [
        1.5,
        -1,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        '1700000000000',
        null,
        8_640_000_000_000_001,
      ]) {
        expectInvalid(
          () => parseNewNote(note({ [field]: value })),
          new RegExp(`${field} must be a whole number`),
        );
      }
    }
    expect(parseNewNote(note({ createdAt: 0, updatedAt: 1_700_000_000_000 }))).toMatchObject({
      createdAt: 0,
    });
  });
});

describe('parseNotePatch', () => {
  it('keeps only the fields given and validates each like a new note', () => {
    expect(parseNotePatch({})).toEqual({});
    expect(parseNotePatch({ pinned: true })).toEqual({ pinned: true });
    expectInvalid(() => parseNotePatch({ title: 'a\nb' }), /single line/);
    expectInvalid(() => parseNotePatch({ body: 7 }), /body must be text/);
    expectInvalid(() => parseNotePatch({ pinned: 'yes' }), /pinned must be true or false/);
    expectInvalid(() => parseNotePatch({ createdAt: 1 }), /unknown field\(s\) createdAt/);
    expectInvalid(() => parseNotePatch(null), /A note update must be an object/);
  });
});

describe('parseNoteId', () => {
  it('requires a non-empty string', () => {
    expect(parseNoteId('abc')).toBe('abc');
    for (const id of ['', 1, null, undefined, {}])
      expectInvalid(() => parseNoteId(id), /note id must be a non-empty string/);
  });
});

describe('parseListOptions', () => {
  it('fills defaults', () => {
    expect(parseListOptions(undefined)).toEqual({
      trashed: false,
      sort: 'updatedAt',
      direction: 'desc',
      tags: [],
      limit: DEFAULT_PAGE_SIZE,
      offset: 0,
    });
  });

  it('rejects bad paging values, naming the limit', () => {
    for (const limit of [0, -1, 1.5, maxPage + 1, '10', Number.NaN]) {
      expectInvalid(
        () => parseListOptions({ limit }),
        new RegExp(`limit must be a whole number from 1 to ${maxPage}`),
      );
    }
    for (const offset of [-1, 0.5, '0', Number.POSITIVE_INFINITY]) {
      expectInvalid(() => parseListOptions({ offset }), /offset must be a whole number of 0 or more/);
    }
    expect(parseListOptions({ limit: maxPage, offset: 10 })).toMatchObject({ limit: maxPage, offset: 10 });
  });

  it('rejects an unknown sort field or direction and a non-boolean trashed', () => {
    expectInvalid(
      () => parseListOptions({ sort: 'size' }),
      /sort must be one of updatedAt, createdAt, title \(got "size"\)/,
    );
    expectInvalid(() => parseListOptions({ direction: 'up' }), /direction must be one of asc, desc/);
    expectInvalid(() => parseListOptions({ trashed: 'yes' }), /trashed must be true or false/);
    expectInvalid(() => parseListOptions({ page: 2 }), /unknown field\(s\) page/);
  });
});

describe('parseSearchQuery and parseSearchOptions', () => {
  it(`accepts up to ${NOTE_LIMITS.searchQueryMaxChars} characters`, () => {
    const max = NOTE_LIMITS.searchQueryMaxChars;
    expect(parseSearchQuery('q'.repeat(max))).toHaveLength(max);
    expectInvalid(
      () => parseSearchQuery('q'.repeat(max + 1)),
      /query is 1001 characters long; the limit is 1000/,
    );
    expectInvalid(() => parseSearchQuery(42), /search query must be text/);
  });

  it('fills defaults and rejects bad options', () => {
    expect(parseSearchOptions(undefined)).toEqual({
      limit: DEFAULT_SEARCH_LIMIT,
      offset: 0,
      includeTrashed: false,
      tags: [],
    });
    expectInvalid(() => parseSearchOptions({ limit: 0 }), /limit must be a whole number/);
    expectInvalid(() => parseSearchOptions({ offset: -5 }), /offset must be/);
    expectInvalid(() => parseSearchOptions({ includeTrashed: 1 }), /includeTrashed must be true or false/);
  });
});

describe('parseCountOptions', () => {
  it('accepts trashed and nothing else', () => {
    expect(parseCountOptions(undefined)).toEqual({ trashed: false });
    expect(parseCountOptions({ trashed: true })).toEqual({ trashed: true });
    expectInvalid(() => parseCountOptions({ trashed: 'no' }), /trashed must be true or false/);
    expectInvalid(() => parseCountOptions({ pinned: true }), /unknown field/);
  });
});

describe('one rule set with the IPC contract', () => {
  it('refuses what notes:create refuses, with the same sentence', () => {
    const bad = [
      { title: 'one\ntwo', body: '' },
      { title: 'x'.repeat(maxTitle + 1), body: '' },
      { title: '', body: `a${HIGHLIGHT_START}` },
      { title: '', body: 'half \uD83D' },
      { title: 5, body: '' },
      { title: '', body: '', pinned: 'yes' },
    ];
    for (const value of bad) {
      const ipc = ipcRequests['notes:create'].args.safeParse(value);
      expect(ipc.success).toBe(false);
      const said = describeValidationIssues(ipc.error?.issues ?? []);
      let error: unknown;
      try {
        parseNewNote(value);
      } catch (err) {
        error = err;
      }
      expect(error).toMatchObject({ code: 'VALIDATION', message: said });
    }
  });
});
