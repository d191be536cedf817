import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoteSortField, SortDirection } from '../../src-shared/notes';
import { prepareListStatements } from './note-list-queries';
import { NoteSearch } from './note-search';
import { NotesRepository } from './notes-repository';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { applyMigrations } from './run-migrations';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';

// What keeps the list and search fast at 100,000 notes (migration 007, note-search.ts); the
// figures themselves are in `npm run bench` (bench/measure-scale.mjs).

const tmp = useTempDir();
let db: Database.Database;
let repo: NotesRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  repo = new NotesRepository(db, new ManualClock().now);
});

afterEach(() => {
  closeNotesDatabase(db);
});

const plan = (sql: string, params: Record<string, unknown>) =>
  db
    .prepare<Record<string, unknown>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(params)
    .map((row) => row.detail);

describe('list pages', () => {
  const sorts: NoteSortField[] = ['updatedAt', 'createdAt', 'title'];
  const directions: SortDirection[] = ['asc', 'desc'];
  for (const trashed of [false, true]) {
    for (const sort of sorts) {
      for (const direction of directions) {
        it(`${trashed ? 'the trash' : 'live notes'} by ${sort} ${direction}: read in index order, never sorted`, () => {
          const statement = prepareListStatements(db)(trashed, sort, direction);
          const steps = plan(statement.source, { limit: 100, offset: 0 });
          expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
          expect(steps).toEqual([expect.stringMatching(/^(SCAN|SEARCH) notes USING INDEX /)]);
        });
      }
    }
  }
});

describe('search', () => {
  it('is indexed once on an upgrade: migration 7 leaves the index 006 built as it is', () => {
    const old = new Database(':memory:');
    applyMigrations(old, 6);
    // A token only the index holds (no note has it): a rebuild of the index would drop it.
    old.exec("INSERT INTO notes_fts (rowid, title, body, tags) VALUES (999, 'zzmarker', '', '')");
    applyMigrations(old);
    expect(old.prepare("SELECT rowid FROM notes_fts WHERE notes_fts MATCH 'zzmarker'").pluck().all()).toEqual(
      [999],
    );
    old.close();
  });

  it('indexes the first 2, 3 and 4 characters of words, so a short last word is one lookup', () => {
    const definition = db
      .prepare<[], string>("SELECT sql FROM sqlite_schema WHERE name = 'notes_fts'")
      .pluck()
      .get();
    expect(definition).toMatch(/prefix = '2 3 4'\s*\)$/);
    repo.create({ title: 'Garden', body: 'tomatoes and tomatillos' });
    expect(repo.search('to').map((hit) => hit.title)).toEqual(['Garden']);
    expect(repo.search('tomatil').map((hit) => hit.snippet)).toEqual(['tomatoes and \u0002tomatillos\u0003']);
  });

  it('lists a query matching at least the rank limit newest first, and ranks a narrower one', () => {
    // The oldest note is the best match (its title), the others newer and weaker.
    repo.create({ title: 'apple', body: 'apple apple' });
    for (const n of [1, 2, 3, 4])
      repo.create({ title: `note ${n}`, body: `an apple ${'and more words '.repeat(n)}` });
    repo.create({ title: 'pear', body: 'a pear and an apple' });
    const broad = new NoteSearch(db, 6).search('apple');
    expect(broad.map((hit) => hit.title)).toEqual(['pear', 'note 4', 'note 3', 'note 2', 'note 1', 'apple']);
    expect(broad.every((hit) => hit.snippet.includes('\u0002apple\u0003') && hit.rank === 0)).toBe(true);
    // Paged like any search.
    expect(new NoteSearch(db, 6).search('apple', { limit: 2, offset: 2 }).map((hit) => hit.title)).toEqual([
      'note 3',
      'note 2',
    ]);
    // Below the limit, ranked: the title match first.
    const ranked = new NoteSearch(db, 7).search('apple');
    expect(ranked[0]?.title).toBe('apple');
    expect(ranked[0]?.rank).toBeLessThan(0);
  });
});
