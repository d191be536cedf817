import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import type { Note } from '../../src-shared/notes';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { countSql } from './note-list-queries';
import { NotesRepository } from './notes-repository';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();
let db: Database.Database;
let clock: ManualClock;
let repo: NotesRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  clock = new ManualClock();
  repo = new NotesRepository(db, clock.now);
});

afterEach(() => {
  closeNotesDatabase(db);
});

function errorOf(action: () => unknown): NoteVaultError {
  try {
    action();
  } catch (err) {
    if (err instanceof NoteVaultError) return err;
    throw err;
  }
  throw new Error('expected a NoteVaultError');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_ID = '11111111-2222-4333-8444-555555555555';

describe('create and get', () => {
  it('stores a note with a random UUID and the clock time', () => {
    const note = repo.create({ title: 'Hello', body: 'World' });
    expect(note).toEqual({
      id: expect.stringMatching(UUID) as string,
      title: 'Hello',
      body: 'World',
      pinned: false,
      createdAt: clock.time,
      updatedAt: clock.time,
      trashedAt: null,
    });
    expect(repo.get(note.id)).toEqual(note);
    expect(repo.create({ title: 'Hello', body: 'World' }).id).not.toBe(note.id);
  });

  it('round-trips Unicode text exactly', () => {
    const text = { title: 'Ünïcødé 東京 😀 ελληνικά', body: 'line 1\nline 2\r\n\ttabbed \u0000 nul 🏳️‍🌈' };
    const note = repo.create({ ...text, pinned: true });
    expect(repo.get(note.id)).toMatchObject({ ...text, pinned: true });
  });

  it("keeps an importer's timestamps and completes a missing one", () => {
    expect(repo.create({ title: 'a', body: '', createdAt: 100, updatedAt: 200 })).toMatchObject({
      createdAt: 100,
      updatedAt: 200,
    });
    expect(repo.create({ title: 'b', body: '', createdAt: 100 })).toMatchObject({
      createdAt: 100,
      updatedAt: 100,
    });
    expect(repo.create({ title: 'c', body: '', updatedAt: 300 })).toMatchObject({
      createdAt: 300,
      updatedAt: 300,
    });
    const error = errorOf(() => repo.create({ title: 'd', body: '', createdAt: 500, updatedAt: 400 }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/updatedAt \(400\) must not be earlier than createdAt \(500\)/);
  });

  it('rejects invalid input without writing anything', () => {
    const bad: unknown[] = [
      { title: 'a\nb', body: '' },
      { title: 'x', body: 1 },
      { title: 'x', body: '', pinned: 'no' },
      null,
    ];
    for (const input of bad) expect(errorOf(() => repo.create(input as never)).code).toBe('VALIDATION');
    expect(repo.count()).toBe(0);
  });

  it('reports an unknown id as NOT_FOUND naming it, and a non-string id as VALIDATION', () => {
    const error = errorOf(() => repo.get(MISSING_ID));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(MISSING_ID);
    expect(errorOf(() => repo.get(42 as never)).code).toBe('VALIDATION');
  });

  it('fails clearly when the injected clock is broken', () => {
    const broken = new NotesRepository(db, () => Number.NaN);
    expect(errorOf(() => broken.create({ title: 'x', body: '' })).code).toBe('INTERNAL');
  });
});

describe('update', () => {
  it('changes only the given fields and bumps updatedAt', () => {
    const note = repo.create({ title: 'Draft', body: 'v1' });
    const later = clock.advance(5000);
    const updated = repo.update(note.id, { body: 'v2', pinned: true });
    expect(updated).toEqual({ ...note, body: 'v2', pinned: true, updatedAt: later });
    expect(repo.get(note.id)).toEqual(updated);
  });

  it('leaves updatedAt alone when nothing actually changes', () => {
    const note = repo.create({ title: 'Same', body: 'same' });
    clock.advance(5000);
    expect(repo.update(note.id, { title: 'Same', body: 'same' })).toEqual(note);
    expect(repo.update(note.id, {})).toEqual(note);
    expect(repo.get(note.id).updatedAt).toBe(note.updatedAt);
  });

  it('refuses to edit a trashed note until it is restored', () => {
    const note = repo.create({ title: 'Old', body: '' });
    repo.trash(note.id);
    const error = errorOf(() => repo.update(note.id, { title: 'New' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/in the trash.*restore it first/);
    repo.restore(note.id);
    expect(repo.update(note.id, { title: 'New' }).title).toBe('New');
  });

  it('validates the id and the patch', () => {
    expect(errorOf(() => repo.update(MISSING_ID, { title: 'x' })).code).toBe('NOT_FOUND');
    const note = repo.create({ title: 'x', body: '' });
    expect(errorOf(() => repo.update(note.id, { title: 'a'.repeat(501) })).message).toMatch(/limit is 500/);
    expect(errorOf(() => repo.update(note.id, { colour: 'red' } as never)).message).toMatch(
      /unknown field\(s\) colour/,
    );
    expect(repo.get(note.id)).toEqual(note);
  });
});

describe('list', () => {
  function seed(): Note[] {
    const titles = ['banana', 'Apple', 'cherry', 'date', 'Elderberry'];
    return titles.map((title, index) => {
      clock.time = 1_000 + index * 100; // created in this order
      return repo.create({ title, body: '', pinned: title === 'cherry' });
    });
  }

  it('puts pinned notes first, then the newest edit by default', () => {
    seed();
    clock.time = 9_000;
    repo.update(repo.list().items.find((n) => n.title === 'banana')!.id, { body: 'edited' });
    expect(repo.list().items.map((n) => n.title)).toEqual([
      'cherry',
      'banana',
      'Elderberry',
      'date',
      'Apple',
    ]);
  });

  it('sorts by title (ignoring case) and by creation time in either direction', () => {
    seed();
    expect(repo.list({ sort: 'title', direction: 'asc' }).items.map((n) => n.title)).toEqual([
      'cherry',
      'Apple',
      'banana',
      'date',
      'Elderberry',
    ]);
    expect(repo.list({ sort: 'createdAt', direction: 'asc' }).items.map((n) => n.title)).toEqual([
      'cherry',
      'banana',
      'Apple',
      'date',
      'Elderberry',
    ]);
    expect(repo.list({ sort: 'createdAt', direction: 'desc' }).items.map((n) => n.title)).toEqual([
      'cherry',
      'Elderberry',
      'date',
      'Apple',
      'banana',
    ]);
  });

  it('pages with limit and offset and reports the total', () => {
    seed();
    const all = repo.list({ sort: 'title', direction: 'asc' }).items.map((n) => n.title);
    const first = repo.list({ sort: 'title', direction: 'asc', limit: 2, offset: 0 });
    const second = repo.list({ sort: 'title', direction: 'asc', limit: 2, offset: 2 });
    const last = repo.list({ sort: 'title', direction: 'asc', limit: 2, offset: 4 });
    expect(first).toMatchObject({ total: 5, offset: 0, limit: 2 });
    expect([...first.items, ...second.items, ...last.items].map((n) => n.title)).toEqual(all);
    expect(last.items).toHaveLength(1);
    expect(repo.list({ offset: 50 })).toMatchObject({ items: [], total: 5 });
  });

  it('never repeats or skips notes with equal timestamps across pages', () => {
    clock.time = 5_000;
    const ids = Array.from({ length: 7 }, (_v, i) => repo.create({ title: `same ${i}`, body: '' }).id);
    const paged = [0, 3, 6].flatMap((offset) => repo.list({ limit: 3, offset }).items.map((n) => n.id));
    expect(new Set(paged)).toEqual(new Set(ids));
    expect(paged).toHaveLength(7);
  });

  it('pages through live notes and the trash alike, every page counting its whole view', () => {
    clock.time = 5_000; // equal timestamps: only the tie-breaker orders them
    const created = Array.from({ length: 23 }, (_v, i) => repo.create({ title: `n${i}`, body: '' }));
    for (const note of created.filter((_n, i) => i % 3 === 0)) repo.trash(note.id);
    for (const [trashed, total] of [
      [false, 15],
      [true, 8],
    ] as const) {
      const pages = [0, 5, 10, 15].map((offset) => repo.list({ trashed, limit: 5, offset }));
      expect(pages.map((page) => page.total)).toEqual([total, total, total, total]);
      const ids = pages.flatMap((page) => page.items.map((note) => note.id));
      expect(ids).toEqual(repo.list({ trashed, limit: 500 }).items.map((note) => note.id));
      expect(new Set(ids).size).toBe(total);
      expect(repo.count({ trashed })).toBe(total);
    }
  });

  it('counts through an index, without reading the notes themselves', () => {
    // The window shows the count with every page, so it must stay cheap as notes grow.
    for (const trashed of [false, true]) {
      const plan = db
        .prepare<[], { detail: string }>(`EXPLAIN QUERY PLAN ${countSql(trashed)}`)
        .all()
        .map((row) => row.detail);
      expect(plan).toEqual([expect.stringMatching(/^SEARCH notes USING COVERING INDEX /)]);
    }
  });

  it('rejects bad options', () => {
    expect(errorOf(() => repo.list({ limit: 501 })).message).toMatch(/from 1 to 500/);
    expect(errorOf(() => repo.list({ sort: 'size' as never })).message).toMatch(/sort must be one of/);
    expect(errorOf(() => repo.list({ offset: -1 })).code).toBe('VALIDATION');
  });
});

describe('trash lifecycle', () => {
  it('trashes, lists the trash, restores, purges and empties', () => {
    const keep = repo.create({ title: 'keep', body: '' });
    const a = repo.create({ title: 'a', body: '' });
    const b = repo.create({ title: 'b', body: '' });
    const c = repo.create({ title: 'c', body: '' });

    const trashedAt = clock.advance(1000);
    expect(repo.trash(a.id)).toEqual({ ...a, trashedAt });
    repo.trash(b.id);
    repo.trash(c.id);
    expect(repo.trash(a.id).trashedAt).toBe(trashedAt); // already trashed: unchanged
    expect(repo.count()).toBe(1);
    expect(repo.count({ trashed: true })).toBe(3);
    expect(repo.list().items.map((n) => n.title)).toEqual(['keep']);
    expect(repo.list({ trashed: true, sort: 'title', direction: 'asc' })).toMatchObject({ total: 3 });
    expect(repo.get(a.id).trashedAt).toBe(trashedAt);

    expect(repo.restore(a.id)).toEqual(a); // updatedAt untouched by trash and restore
    expect(repo.restore(a.id)).toEqual(a);
    expect(repo.count()).toBe(2);

    repo.purge(b.id);
    expect(errorOf(() => repo.get(b.id)).code).toBe('NOT_FOUND');
    expect(repo.count({ trashed: true })).toBe(1);

    expect(repo.emptyTrash()).toBe(1);
    expect(repo.emptyTrash()).toBe(0);
    expect(repo.count({ trashed: true })).toBe(0);
    expect(
      repo
        .list()
        .items.map((n) => n.title)
        .sort(),
    ).toEqual(['a', 'keep']);
    expect(repo.get(keep.id)).toEqual(keep);
  });

  it('refuses to purge a live note and reports unknown ids', () => {
    const live = repo.create({ title: 'live', body: '' });
    const error = errorOf(() => repo.purge(live.id));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/not in the trash/);
    expect(repo.get(live.id)).toEqual(live);
    for (const action of [
      () => repo.trash(MISSING_ID),
      () => repo.restore(MISSING_ID),
      () => repo.purge(MISSING_ID),
    ]) {
      expect(errorOf(action).code).toBe('NOT_FOUND');
    }
    expect(errorOf(() => repo.count({ trashed: 1 } as never)).code).toBe('VALIDATION');
  });
});
