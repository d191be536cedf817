import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { NotesRepository } from './notes-repository';
import { applyMigrations } from './run-migrations';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from './schema-constants';
import { useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();

/** Builds a database exactly as the NoteVault release with schema `version` left it. */
function buildDatabaseAtVersion(file: string, version: number): void {
  const db = new Database(file);
  try {
    applyMigrations(db, version);
    if (version >= 1) {
      // Raw SQL of the version-1 notes table: rows written by an older NoteVault.
      const insert = db.prepare(
        `INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      insert.run(
        '00000000-0000-4000-8000-000000000001',
        'Groceries',
        'buy oranges and milk',
        1,
        1000,
        2000,
        null,
      );
      insert.run('00000000-0000-4000-8000-000000000002', 'Old idea', 'zeppelin garden', 0, 3000, 4000, 5000);
    }
    if (version >= 3) {
      // Tags as version 3 stored them, before search covered them (006).
      db.exec(`INSERT INTO tags (seq, name) VALUES (1, 'Errands/weekly');
               INSERT INTO note_tags (note_seq, tag_seq) SELECT seq, 1 FROM notes WHERE title = 'Groceries';`);
    }
  } finally {
    db.close();
  }
}

function schemaObjects(db: Database.Database): string[] {
  return db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all();
}

describe('MIGRATIONS', () => {
  it('numbers versions 1, 2, 3 … without gaps, so LATEST_SCHEMA_VERSION is the last one', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS[MIGRATIONS.length - 1]?.version);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });
});

describe('applyMigrations', () => {
  it('stops at the requested version, stamping application_id and user_version', () => {
    const db = new Database(tmp.file('v1.db'));
    applyMigrations(db, 1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(NOTEVAULT_APPLICATION_ID);
    expect(schemaObjects(db)).toContain('notes');
    expect(schemaObjects(db)).not.toContain('notes_fts');
    db.close();
  });

  it('is idempotent: running it again on an up-to-date database changes nothing', () => {
    const db = new Database(tmp.file('twice.db'));
    applyMigrations(db);
    const before = schemaObjects(db);
    applyMigrations(db);
    expect(schemaObjects(db)).toEqual(before);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('rejects a target version outside 0..LATEST', () => {
    const db = new Database(tmp.file('bad-target.db'));
    for (const target of [-1, LATEST_SCHEMA_VERSION + 1, 1.5]) {
      expect(() => applyMigrations(db, target)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    }
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    db.close();
  });
});

describe('openNotesDatabase migrates', () => {
  it('a file that does not exist yet', () => {
    const file = tmp.file('new.db');
    const db = openNotesDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(NOTEVAULT_APPLICATION_ID);
    closeNotesDatabase(db);
  });

  it('an empty (0-byte) file', () => {
    const file = tmp.file('empty.db');
    fs.writeFileSync(file, '');
    const db = openNotesDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    closeNotesDatabase(db);
  });

  // Version 0 is a fresh SQLite file with no schema yet; every later one carries notes.
  for (let version = 0; version < LATEST_SCHEMA_VERSION; version++) {
    it(`a database left at schema version ${version}, keeping its notes searchable`, () => {
      const file = tmp.file(`v${version}.db`);
      buildDatabaseAtVersion(file, version);

      const db = openNotesDatabase(file);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('application_id', { simple: true })).toBe(NOTEVAULT_APPLICATION_ID);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const repo = new NotesRepository(db);

      if (version >= 1) {
        expect(repo.get('00000000-0000-4000-8000-000000000001')).toEqual({
          id: '00000000-0000-4000-8000-000000000001',
          title: 'Groceries',
          body: 'buy oranges and milk',
          pinned: true,
          createdAt: 1000,
          updatedAt: 2000,
          trashedAt: null,
        });
        expect(repo.count()).toBe(1);
        expect(repo.count({ trashed: true })).toBe(1);
        // Rows that predate the search index were backfilled into it.
        expect(repo.search('orange').map((hit) => hit.title)).toEqual(['Groceries']);
        expect(repo.search('zeppelin', { includeTrashed: true }).map((hit) => hit.title)).toEqual([
          'Old idea',
        ]);
      } else {
        expect(repo.count()).toBe(0);
      }
      if (version >= 3) {
        // Tags that predate search over tags were indexed too, and are kept in step from now on.
        expect(repo.search('weekly').map((hit) => hit.title)).toEqual(['Groceries']);
        expect(repo.tags.rename('errands', 'chores')).toEqual({ renamed: 1, merged: 0 });
        expect(repo.search('chores').map((hit) => hit.title)).toEqual(['Groceries']);
        expect(repo.search('errands')).toEqual([]);
      }
      // New writes after the upgrade are indexed by the triggers.
      const after = repo.create({ title: 'After upgrade', body: 'walrus' });
      expect(repo.search('walrus').map((hit) => hit.title)).toEqual(['After upgrade']);
      repo.tags.add(after.id, ['sea/mammals']);
      expect(repo.search('mammals').map((hit) => hit.title)).toEqual(['After upgrade']);
      // rank = 1: the index is compared with its content, not only with itself.
      db.exec("INSERT INTO notes_fts (notes_fts, rank) VALUES ('integrity-check', 1)");
      closeNotesDatabase(db);
    });
  }
});
