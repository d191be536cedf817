import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rebuildUserData } from '../backup/rebuild-user-data';
import { userDataTables } from '../backup/user-data-tables';
import { tagKey } from '../../src-shared/tag-rules';
import { NotesRepository } from './notes-repository';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { applyMigrations } from './run-migrations';
import { TAG_NOTE_COUNTS_TABLE } from './tag-note-counts';
import type { TagsRepository } from './tags-repository';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';

// The counts migration 008's triggers keep must always equal a count from scratch, whatever
// changed: the oracle below counts in JS from the notes, links and tag names themselves.

const tmp = useTempDir();
let db: Database.Database;
let notes: NotesRepository;
let tags: TagsRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  notes = new NotesRepository(db, new ManualClock().now);
  tags = notes.tags;
});

afterEach(() => {
  if (db.open) closeNotesDatabase(db);
});

/** Live notes per path (A-Z folded), each note once per path, counted from the rows themselves. */
function countedFromScratch(from: Database.Database): Record<string, number> {
  const links = from
    .prepare<[], { note: number; name: string }>(
      `SELECT nt.note_seq AS note, t.name AS name FROM note_tags AS nt
       JOIN tags AS t ON t.seq = nt.tag_seq JOIN notes AS n ON n.seq = nt.note_seq
       WHERE n.trashed_at IS NULL`,
    )
    .all();
  const notesUnder = new Map<string, Set<number>>();
  for (const { note, name } of links) {
    const segments = tagKey(name).split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      const path = segments.slice(0, depth).join('/');
      notesUnder.set(path, (notesUnder.get(path) ?? new Set()).add(note));
    }
  }
  return Object.fromEntries(
    [...notesUnder].map(([path, seen]): [string, number] => [path, seen.size]).sort(),
  );
}

function kept(from: Database.Database): Record<string, number> {
  const rows = from
    .prepare<[], { path: string; notes: number }>(`SELECT path, notes FROM ${TAG_NOTE_COUNTS_TABLE}`)
    .all();
  return Object.fromEntries(rows.map((row): [string, number] => [tagKey(row.path), row.notes]).sort());
}

function expectInStep(from: Database.Database = db): void {
  expect(kept(from)).toEqual(countedFromScratch(from));
}

function note(title: string, ...names: string[]): string {
  const { id } = notes.create({ title, body: `${title} body` });
  if (names.length > 0) tags.add(id, names);
  return id;
}

/** What the sidebar shows (TagsRepository.list), names A-Z folded. */
function sidebar(): Record<string, number> {
  return Object.fromEntries(tags.list().map((tag) => [tagKey(tag.name), tag.notes]));
}

describe('tag counts kept by triggers', () => {
  it('count a note once under a parent it reaches through two tags, and follow adds and removes', () => {
    const both = note('both', 'a/b', 'a/c');
    note('one', 'a/b');
    note('untagged');
    expectInStep();
    expect(sidebar()).toEqual({ a: 2, 'a/b': 2, 'a/c': 1 });
    tags.add(both, ['A', 'a/b/deep']);
    expectInStep();
    expect(sidebar()).toMatchObject({ a: 2, 'a/b': 2, 'a/b/deep': 1 });
    tags.remove(both, ['a/b', 'a/c']);
    expectInStep();
    tags.remove(both, ['A', 'a/b/deep']);
    expectInStep();
    expect(sidebar()).toEqual({ a: 1, 'a/b': 1 });
  });

  it('follow trash, restore, delete forever (live and trashed) and emptying the trash', () => {
    const x = note('x', 'work/x', 'work/y', 'home');
    const y = note('y', 'work/x');
    const z = note('z', 'home/garden');
    notes.trash(x);
    expectInStep();
    expect(sidebar()).toMatchObject({ work: 1, 'work/y': 0, home: 1 });
    notes.restore(x);
    expectInStep();
    expect(sidebar()).toMatchObject({ work: 2, 'work/y': 1, home: 2 });
    notes.trash(y);
    notes.purge(y);
    expectInStep();
    // Deleted forever while live: its links cascade after the note is gone.
    db.prepare('DELETE FROM notes WHERE id = ?').run(z);
    expectInStep();
    notes.trash(x);
    notes.emptyTrash();
    expectInStep();
    expect(kept(db)).toEqual({});
  });

  it('follow renames, merges, renames of a parent, case-only renames and deletes', () => {
    note('p', 'work/x', 'work/y');
    note('q', 'work/x', 'job/x');
    note('r', 'job', 'Job/z');
    const trashed = note('s', 'work/y');
    notes.trash(trashed);
    expectInStep();
    tags.rename('work/y', 'work/z');
    expectInStep();
    tags.rename('work', 'job'); // merges work/x into job/x, moves work/z
    expectInStep();
    expect(sidebar()).toMatchObject({ job: 3, 'job/x': 2, 'job/z': 2 });
    tags.rename('job', 'JOB');
    expectInStep();
    tags.rename('job/x', 'other');
    expectInStep();
    tags.delete('JOB');
    expectInStep();
    expect(sidebar()).toEqual({ other: 2 });
    notes.restore(trashed);
    expectInStep();
  });

  it('follow link rows written directly (an importer) and updated (never done by NoteVault)', () => {
    const a = note('a', 'k/1');
    const b = note('b', 'k/2');
    const seq = (id: string) =>
      db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck().get(id) as number;
    const tag = (name: string) =>
      db.prepare<[string], number>('SELECT seq FROM tags WHERE name = ?').pluck().get(name) as number;
    db.prepare('INSERT OR IGNORE INTO note_tags (note_seq, tag_seq) VALUES (?, ?)').run(seq(a), tag('k/1'));
    expectInStep();
    db.prepare('UPDATE note_tags SET note_seq = ? WHERE note_seq = ? AND tag_seq = ?').run(
      seq(b),
      seq(a),
      tag('k/1'),
    );
    expectInStep();
    expect(sidebar()).toEqual({ k: 1, 'k/1': 1, 'k/2': 1 });
  });

  it('are filled from scratch by the migration, from an older schema', () => {
    const old = new Database(':memory:');
    applyMigrations(old, 7);
    old.exec(`
      INSERT INTO notes (seq, id, title, body, pinned, created_at, updated_at, trashed_at) VALUES
        (1, '00000000-0000-4000-8000-000000000001', 'a', '', 0, 1, 1, NULL),
        (2, '00000000-0000-4000-8000-000000000002', 'b', '', 0, 1, 1, 5);
      INSERT INTO tags (seq, name) VALUES (1, 'x/y'), (2, 'x/z');
      INSERT INTO note_tags VALUES (1, 1), (1, 2), (2, 1);
    `);
    applyMigrations(old);
    expect(kept(old)).toEqual({ x: 1, 'x/y': 1, 'x/z': 1 });
    expectInStep(old);
    old.close();
  });
});

describe('tag counts in a restore or browse', () => {
  it('are never copied from a backup: a forged count is recounted from the copied rows', async () => {
    note('n1', 'a/b', 'a/c');
    note('n2', 'a/b');
    db.prepare(`UPDATE ${TAG_NOTE_COUNTS_TABLE} SET notes = 999`).run();
    db.prepare(`INSERT INTO ${TAG_NOTE_COUNTS_TABLE} (path, notes) VALUES ('forged', 7)`).run();
    expect(userDataTables(db).map((table) => table.name)).not.toContain(TAG_NOTE_COUNTS_TABLE);
    const target = new Database(':memory:');
    target.pragma('foreign_keys = ON');
    try {
      await rebuildUserData(db, target, {}, { label: 'the test copy', cancelled: 'x' });
      expect(kept(target)).toEqual({ a: 2, 'a/b': 2, 'a/c': 1 });
      expectInStep(target);
    } finally {
      target.close();
    }
  });
});
