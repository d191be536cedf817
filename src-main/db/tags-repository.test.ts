import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NoteVaultError } from '../../src-shared/errors';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { NotesRepository } from './notes-repository';
import type { TagsRepository } from './tags-repository';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';

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
  // Whatever a test did, the search index still matches notes, links and tag names. rank = 1
  // compares the index with its content (the view); without it FTS5 checks only the index
  // itself, and a note left in the index after its row was deleted passes.
  expect(() =>
    db.exec("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)"),
  ).not.toThrow();
  closeNotesDatabase(db);
});

function note(title: string, ...names: string[]): string {
  const { id } = notes.create({ title, body: `${title} body` });
  if (names.length > 0) tags.add(id, names);
  return id;
}

function titles(filter: string[], trashed = false): string[] {
  return notes.list({ tags: filter, trashed, sort: 'title', direction: 'asc' }).items.map((n) => n.title);
}

function errorOf(action: () => unknown): NoteVaultError {
  try {
    action();
  } catch (err) {
    return err as NoteVaultError;
  }
  throw new Error('expected an error');
}

describe('tags on notes', () => {
  it('adds tags trimmed, one tag per name without regard to A-Z case, keeping the first spelling', () => {
    const a = note('A', ' Work ', 'reading/books');
    const b = note('B', 'work');
    expect(tags.tagsOf(a)).toEqual(['reading/books', 'Work']);
    expect(tags.tagsOf(b)).toEqual(['Work']);
    expect(tags.add(b, ['WORK'])).toEqual(['Work']);
    expect(db.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(2);
  });

  it('removes tags, and a tag no note carries any more goes', () => {
    const a = note('A', 'work', 'home');
    const b = note('B', 'work');
    expect(tags.remove(a, ['HOME', 'never-there'])).toEqual(['work']);
    tags.remove(a, ['work']);
    expect(tags.list()).toEqual([{ name: 'work', notes: 1 }]);
    tags.remove(b, ['work']);
    expect(tags.list()).toEqual([]);
  });

  it('refuses invalid names, a trashed note and a missing one, changing nothing', () => {
    const a = note('A', 'work');
    expect(errorOf(() => tags.add(a, ['/bad'])).code).toBe('VALIDATION');
    expect(errorOf(() => tags.add(a, ['ok', 'a\u0000b'])).code).toBe('VALIDATION');
    notes.trash(a);
    expect(errorOf(() => tags.add(a, ['more'])).message).toMatch(/in the trash.*restore it first/);
    expect(errorOf(() => tags.tagsOf('no-such-note')).code).toBe('NOT_FOUND');
    expect(tags.tagsOf(a)).toEqual(['work']);
  });

  it('caps the tags of one note', () => {
    const a = note('A');
    tags.add(
      a,
      Array.from({ length: 100 }, (_v, i) => `t${i}`),
    );
    expect(errorOf(() => tags.add(a, ['one-more'])).message).toMatch(
      /at most 100 tags; this would give it 101/,
    );
    expect(tags.tagsOf(a)).toHaveLength(100);
  });
});

describe('list', () => {
  it('counts live notes per tag, parents totalling their children once per note', () => {
    note('A', 'work', 'work/projects');
    note('B', 'work/projects/nv');
    note('C', 'home');
    const trashed = note('D', 'work/admin', 'home');
    notes.trash(trashed);
    expect(tags.list()).toEqual([
      { name: 'home', notes: 1 },
      { name: 'work', notes: 2 },
      { name: 'work/admin', notes: 0 },
      { name: 'work/projects', notes: 2 },
      { name: 'work/projects/nv', notes: 1 },
    ]);
  });

  it('lists a parent nobody tagged directly, so the tree is whole', () => {
    note('A', 'a/b/c');
    expect(tags.list().map((t) => t.name)).toEqual(['a', 'a/b', 'a/b/c']);
  });
});

describe('filtering the notes list', () => {
  beforeEach(() => {
    note('Both', 'work/projects', 'urgent');
    note('Work only', 'Work');
    note('Urgent only', 'urgent');
    note('Workshop', 'workshop');
    note('None');
  });

  it('by one tag, a parent matching its children but not a name that merely starts the same', () => {
    expect(titles(['work'])).toEqual(['Both', 'Work only']);
    expect(titles(['WORK/projects'])).toEqual(['Both']);
    expect(notes.list({ tags: ['work'] }).total).toBe(2);
  });

  it('by two tags, keeping the notes that carry both', () => {
    expect(titles(['work', 'urgent'])).toEqual(['Both']);
    expect(notes.list({ tags: ['urgent', 'work'] }).total).toBe(1);
    expect(titles(['urgent', 'nothing'])).toEqual([]);
    // The same tag twice, or a parent with its child, asks nothing more.
    expect(titles(['work', 'WORK'])).toEqual(['Both', 'Work only']);
    expect(titles(['work', 'work/projects'])).toEqual(['Both']);
  });

  it('in the trash too, and without a filter as before', () => {
    notes.trash(notes.list({ tags: ['urgent'], sort: 'title', direction: 'asc' }).items[1]!.id);
    expect(titles(['urgent'], true)).toEqual(['Urgent only']);
    expect(notes.list({ tags: [] }).total).toBe(4);
  });

  it('refuses a bad filter by name', () => {
    expect(errorOf(() => notes.list({ tags: ['a//b'] })).message).toMatch(/^tags\.0: /);
  });
});

describe('rename and merge', () => {
  it('renames a tag and everything nested under it, in every note', () => {
    const a = note('A', 'work', 'work/x', 'workshop');
    const b = note('B', 'work/x/y');
    expect(tags.rename('Work', 'job')).toEqual({ renamed: 3, merged: 0 });
    expect(tags.tagsOf(a)).toEqual(['job', 'job/x', 'workshop']);
    expect(tags.tagsOf(b)).toEqual(['job/x/y']);
    expect(titles(['job'])).toEqual(['A', 'B']);
    expect(
      notes
        .search('job')
        .map((h) => h.title)
        .sort(),
    ).toEqual(['A', 'B']);
    // Only A's "workshop" still starts with "work" (search matches prefixes).
    expect(notes.search('work').map((h) => h.title)).toEqual(['A']);
  });

  it('changes only the case when asked', () => {
    const a = note('A', 'work/x');
    expect(tags.rename('work', 'Work')).toEqual({ renamed: 1, merged: 0 });
    expect(tags.tagsOf(a)).toEqual(['Work/x']);
  });

  it('merges into a tag that already has the new name, each note keeping it once', () => {
    const a = note('A', 'todo', 'tasks');
    const b = note('B', 'todo/later');
    const c = note('C', 'tasks/later');
    expect(tags.rename('todo', 'TASKS')).toEqual({ renamed: 0, merged: 2 });
    expect(tags.tagsOf(a)).toEqual(['tasks']);
    expect(tags.tagsOf(b)).toEqual(['tasks/later']);
    expect(tags.tagsOf(c)).toEqual(['tasks/later']);
    expect(tags.list()).toEqual([
      { name: 'tasks', notes: 3 },
      { name: 'tasks/later', notes: 2 },
    ]);
  });

  it('moves a tag up onto its parent, shallow tags first', () => {
    const a = note('A', 'a', 'a/x', 'a/x/x');
    expect(tags.rename('a/x', 'a')).toEqual({ renamed: 1, merged: 1 });
    expect(tags.tagsOf(a)).toEqual(['a', 'a/x']);
  });

  it('refuses a name inside itself, an unknown tag and a result too deep, changing nothing', () => {
    note('A', 'work/x');
    expect(errorOf(() => tags.rename('work', 'work/old')).message).toMatch(/a tag inside itself/);
    expect(errorOf(() => tags.rename('nope', 'x')).code).toBe('NOT_FOUND');
    const deep = Array(10).fill('d').join('/');
    expect(errorOf(() => tags.rename('work', deep)).message).toMatch(/at most 10 levels/);
    expect(tags.list().map((t) => t.name)).toEqual(['work', 'work/x']);
  });
});

describe('delete', () => {
  it('takes the tag and its nested tags off every note, keeping the notes', () => {
    const a = note('A', 'work', 'work/x', 'home');
    expect(tags.delete('WORK')).toBe(2);
    expect(tags.tagsOf(a)).toEqual(['home']);
    expect(notes.count()).toBe(1);
    expect(notes.search('work')).toEqual([]);
  });
});

describe('search over tags stays consistent', () => {
  it('finds a note by a word of its tags, and follows adds, removals and edits', () => {
    const a = note('Plain', 'gardening/roses');
    expect(notes.search('roses').map((h) => h.title)).toEqual(['Plain']);
    notes.update(a, { title: 'Renamed', body: 'other words' });
    expect(notes.search('roses').map((h) => h.title)).toEqual(['Renamed']);
    tags.remove(a, ['gardening/roses']);
    expect(notes.search('roses')).toEqual([]);
  });

  it('survives deleting tagged notes for good (the links cascade) and emptying the trash', () => {
    const a = note('A', 'x', 'y');
    const b = note('B', 'x');
    notes.trash(a);
    notes.purge(a);
    notes.trash(b);
    notes.emptyTrash();
    expect(tags.list()).toEqual([
      { name: 'x', notes: 0 },
      { name: 'y', notes: 0 },
    ]);
  });

  it('survives raw SQL deletes of a tag and of a note, as a restore or the CLI may do', () => {
    const a = note('A', 'x', 'y');
    note('B', 'x');
    db.prepare("DELETE FROM tags WHERE name = 'x'").run();
    expect(notes.search('x')).toEqual([]);
    expect(notes.search('y').map((h) => h.title)).toEqual(['A']);
    db.prepare('DELETE FROM notes WHERE id = ?').run(a);
    expect(notes.search('y')).toEqual([]);
  });
});
