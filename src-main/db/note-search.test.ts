import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { HIGHLIGHT_END, HIGHLIGHT_START, NOTE_LIMITS } from '../../src-shared/notes';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { NoteSearch } from './note-search';
import { NotesRepository } from './notes-repository';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();
let db: Database.Database;
let repo: NotesRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  repo = new NotesRepository(db, new ManualClock().now);
  // bm25 weighs words by rarity; unrelated notes make "rare" mean something.
  const filler = ['weather report', 'meeting minutes', 'book list', 'travel plans', 'recipes', 'workout log'];
  for (const title of filler) repo.create({ title, body: `${title} with ordinary words about daily life` });
});

afterEach(() => {
  closeNotesDatabase(db);
});

const titles = (query: string, options?: Parameters<NotesRepository['search']>[1]) =>
  repo.search(query, options).map((hit) => hit.title);

function assertIndexConsistent(): void {
  // FTS5 compares the index against the notes table and throws SQLITE_CORRUPT_VTAB on drift.
  db.prepare("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')").run();
}

describe('search', () => {
  it('returns hits with id, title, pinned, updatedAt, a highlighted snippet and a rank', () => {
    const note = repo.create({
      title: 'Garden',
      body: 'Plant the tomatoes before the rain comes.',
      pinned: true,
    });
    const [hit, ...rest] = repo.search('tomatoes');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ id: note.id, title: 'Garden', pinned: true, updatedAt: note.updatedAt });
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}tomatoes${HIGHLIGHT_END}`);
    expect(typeof hit?.rank).toBe('number');
  });

  it('ranks a title match above a body match', () => {
    repo.create({ title: 'Shopping', body: 'remember the pineapple for the party tonight' });
    repo.create({ title: 'Pineapple', body: 'a tropical fruit that grows on the ground' });
    const hits = repo.search('pineapple');
    expect(hits.map((h) => h.title)).toEqual(['Pineapple', 'Shopping']);
    expect(hits[0]!.rank).toBeLessThan(hits[1]!.rank);
  });

  it('ranks more occurrences higher', () => {
    repo.create({ title: 'Once', body: 'kiwi and other things in the bowl today here' });
    repo.create({ title: 'Thrice', body: 'kiwi and kiwi and kiwi in the bowl today here' });
    expect(titles('kiwi')).toEqual(['Thrice', 'Once']);
  });

  it('matches word prefixes of the last word and ignores accents and case', () => {
    repo.create({ title: 'Café visit', body: 'Espresso at the CAFÉ' });
    expect(titles('caf')).toEqual(['Café visit']);
    expect(titles('cafe espr')).toEqual(['Café visit']);
    expect(titles('espr cafe')).toEqual([]); // only the last word is a prefix
  });

  it('finds non-Latin words', () => {
    repo.create({ title: 'Москва', body: 'Привет из Москвы' });
    repo.create({ title: 'Ελλάδα', body: 'Καλημέρα κόσμε' });
    repo.create({ title: '日本', body: '東京 大阪' });
    expect(titles('привет')).toEqual(['Москва']);
    expect(titles('ΚΑΛΗΜΈΡΑ')).toEqual(['Ελλάδα']); // case folds; unicode61 strips accents of Latin only
    expect(titles('東京')).toEqual(['日本']);
  });

  it('never throws on FTS5 syntax in the query', () => {
    repo.create({ title: 'Operators', body: 'AND OR NOT NEAR are words too (really) - yes * 😀' });
    const queries = [
      '"',
      '"unbalanced',
      'say "hello"',
      '(',
      'a)',
      '(AND)',
      'AND',
      'OR NOT',
      'NEAR(a b)',
      '*',
      'foo*',
      '-',
      '-foo',
      'title:x',
      '^start',
      'a + b',
      '{title body}: x',
      '😀',
      '😀 words',
      '東京 "x"',
      '\\',
      "it's",
      '\u0000',
    ];
    for (const query of queries) expect(() => repo.search(query), query).not.toThrow();
    expect(titles('(really)')).toEqual(['Operators']);
    expect(titles('AND')).toEqual(['Operators']);
    expect(titles('😀 really')).toEqual(['Operators']);
  });

  it('returns nothing for an empty or punctuation-only query', () => {
    expect(repo.search('')).toEqual([]);
    expect(repo.search('   ')).toEqual([]);
    expect(repo.search('- * ()')).toEqual([]);
  });

  it('excludes trashed notes unless asked to include them', () => {
    const note = repo.create({ title: 'Secret', body: 'platypus' });
    repo.trash(note.id);
    expect(titles('platypus')).toEqual([]);
    expect(titles('platypus', { includeTrashed: true })).toEqual(['Secret']);
    repo.restore(note.id);
    expect(titles('platypus')).toEqual(['Secret']);
  });

  it('follows edits and deletions through the triggers', () => {
    const note = repo.create({ title: 'Pet', body: 'my hamster' });
    repo.update(note.id, { body: 'my gerbil' });
    expect(titles('hamster')).toEqual([]);
    expect(titles('gerbil')).toEqual(['Pet']);
    repo.update(note.id, { pinned: true });
    expect(repo.search('gerbil')[0]?.pinned).toBe(true);
    repo.trash(note.id);
    repo.purge(note.id);
    expect(titles('gerbil', { includeTrashed: true })).toEqual([]);
    assertIndexConsistent();
  });

  it('pages with limit and offset', () => {
    for (let i = 0; i < 5; i++) repo.create({ title: `Lemon ${i}`, body: 'lemon '.repeat(i + 1) });
    const all = titles('lemon');
    expect(all).toHaveLength(5);
    expect([
      ...titles('lemon', { limit: 2 }),
      ...titles('lemon', { limit: 2, offset: 2 }),
      ...titles('lemon', { offset: 4 }),
    ]).toEqual(all);
  });

  it('takes the tag filter as the list does: every tag, a parent matching its children, any case', () => {
    const tagged = (title: string, tags: string[]) => {
      const note = repo.create({ title, body: 'the harbour plan' });
      repo.tags.add(note.id, tags);
      return note;
    };
    tagged('Projects', ['work/projects', 'urgent']);
    tagged('Work', ['work']);
    tagged('Workshop', ['workshop']);
    const trashed = tagged('Old work', ['work']);
    repo.trash(trashed.id);
    repo.create({ title: 'Untagged', body: 'the harbour plan' });
    const sorted = (query: string, options: Parameters<NotesRepository['search']>[1]) =>
      titles(query, options).sort();
    expect(sorted('harbour', {})).toEqual(['Projects', 'Untagged', 'Work', 'Workshop']);
    expect(sorted('harbour', { tags: ['WORK'] })).toEqual(['Projects', 'Work']);
    expect(sorted('harbour', { tags: ['work', 'urgent'] })).toEqual(['Projects']);
    expect(sorted('harbour', { tags: ['work/projects'] })).toEqual(['Projects']);
    expect(sorted('harbour', { tags: ['work', 'missing'] })).toEqual([]);
    expect(sorted('harbour', { tags: ['work'], includeTrashed: true })).toEqual([
      'Old work',
      'Projects',
      'Work',
    ]);
    // A query too broad to rank (here, more than one match) lists newest first, filtered the same.
    const broad = new NoteSearch(db, 2);
    expect(broad.search('harbour', { tags: ['work'] }).map((hit) => hit.title)).toEqual(['Work', 'Projects']);
    expect(broad.search('harbour', { tags: ['urgent'] }).map((hit) => hit.title)).toEqual(['Projects']);
  });

  it('validates the query and options', () => {
    const tooLong = 'q'.repeat(NOTE_LIMITS.searchQueryMaxChars + 1);
    for (const action of [
      () => repo.search(tooLong),
      () => repo.search(42 as never),
      () => repo.search('x', { limit: 0 }),
      () => repo.search('x', { offset: 1.5 }),
      () => repo.search('x', { includeTrashed: 'yes' as never }),
      () => repo.search('x', { tags: ['a//b'] }),
      () => repo.search('x', { tags: 'work' as never }),
    ]) {
      expect(action).toThrow(NoteVaultError);
      expect(action).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
  });
});
