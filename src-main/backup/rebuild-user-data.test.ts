import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeNotesDatabase, useWorkspace } from '../../test/main/backup/backup-test-support';
import {
  FIXTURE_TABLES,
  addUserData,
  fixtureBytes,
  userDataDigests,
} from '../../test/main/backup/user-data-fixture';
import { applyMigrations } from '../db/run-migrations';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import { assertUserDataFitsSchema, rebuildUserData } from './rebuild-user-data';
import { userDataTables } from './user-data-tables';

const ws = useWorkspace();
const OPTIONS = { label: 'the test copy', cancelled: 'x' };

/** A version-2 notes database whose notes table lost its constraints, with `count` notes. */
function looseNotes(count: number): Database.Database {
  const path = join(ws.root, 'loose.db');
  makeNotesDatabase(path, count, 20);
  const db = new Database(path);
  // The rename would re-check the search index's view (006), which names the dropped table.
  db.pragma('legacy_alter_table = ON');
  db.exec(`
    CREATE TABLE notes_new (seq INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, pinned INTEGER,
      created_at INTEGER, updated_at INTEGER, trashed_at INTEGER);
    INSERT INTO notes_new SELECT * FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_new RENAME TO notes;
  `);
  return db;
}

/** A database at the latest schema with `count` notes and a row in every other user-data table. */
function fullDatabase(count = 5, largeBytes?: number): Database.Database {
  const path = join(ws.root, 'full.db');
  makeNotesDatabase(path, count, 50);
  const db = new Database(path);
  addUserData(db, { largeBytes });
  return db;
}

/** A table rebuilt without its constraints (not STRICT, no keys): what a hostile backup may hold. */
function loosen(db: Database.Database, table: string): void {
  const columns = db
    .prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid')
    .pluck()
    .all(table) as string[];
  db.pragma('foreign_keys = OFF');
  db.pragma('legacy_alter_table = ON');
  db.exec(`
    CREATE TABLE loose_copy (${columns.join(', ')});
    INSERT INTO loose_copy SELECT ${columns.join(', ')} FROM ${table};
    DROP TABLE ${table};
    ALTER TABLE loose_copy RENAME TO ${table};
  `);
}

function freshTarget(): Database.Database {
  return new Database(':memory:');
}

async function expectRefused(db: Database.Database, message: RegExp): Promise<void> {
  await expect(assertUserDataFitsSchema(db, {}, { cancelled: 'x' })).rejects.toMatchObject({
    code: 'BACKUP_DAMAGED',
    message: expect.stringMatching(message) as unknown,
  });
  const target = freshTarget();
  try {
    await expect(rebuildUserData(db, target, {}, OPTIONS)).rejects.toMatchObject({
      code: 'BACKUP_DAMAGED',
      message: expect.stringMatching(message) as unknown,
    });
  } finally {
    target.close();
  }
}

describe('userDataTables', () => {
  it('lists every table of the latest schema that holds user data, parents first, without the search index', () => {
    const db = freshTarget();
    applyMigrations(db);
    const names = userDataTables(db).map((table) => table.name);
    // A table a new migration adds shows up here, and fails this test until the fixture and
    // the hostile cases give it rows (test/main/backup/user-data-fixture.ts).
    expect([...names].sort()).toEqual([...FIXTURE_TABLES].sort());
    expect(names.some((name) => name.startsWith('notes_fts'))).toBe(false);
    for (const [index, name] of names.entries()) {
      const parents = db
        .prepare('SELECT "table" FROM pragma_foreign_key_list(?)')
        .pluck()
        .all(name) as string[];
      for (const parent of parents) expect(names.indexOf(parent)).toBeLessThan(index);
    }
    db.close();
  });

  it('fails loudly on tables that refer to each other in a cycle', () => {
    const db = freshTarget();
    db.exec(`
      CREATE TABLE a (seq INTEGER PRIMARY KEY, b_seq INTEGER REFERENCES b (seq));
      CREATE TABLE b (seq INTEGER PRIMARY KEY, a_seq INTEGER REFERENCES a (seq));
    `);
    expect(() => userDataTables(db)).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: expect.stringMatching(/cycle/) as unknown }),
    );
    db.close();
  });

  it('fails loudly on a table that refers to one holding no user data (the search index)', () => {
    const db = freshTarget();
    applyMigrations(db);
    db.exec('CREATE TABLE odd (seq INTEGER PRIMARY KEY, fts INTEGER REFERENCES notes_fts_data (id))');
    expect(() => userDataTables(db)).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    db.close();
  });
});

describe('rebuildUserData', () => {
  it('copies every table, a 5 MiB attachment (a batch of its own) included, equal row for row', async () => {
    const source = fullDatabase(250, 5 * 1024 * 1024);
    const target = freshTarget();
    try {
      const copied = await rebuildUserData(source, target, {}, OPTIONS);
      expect(copied.noteCount).toBe(250);
      expect(copied.rows).toMatchObject({ tags: 3, note_tags: 3, attachments: 3, note_versions: 3 });
      expect(userDataDigests(target)).toEqual(userDataDigests(source));
      expect(target.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(
        target.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'report'").pluck().get(),
      ).toBe(1);
    } finally {
      source.close();
      target.close();
    }
  });

  // What a future migration's table meets: nobody lists it, and it is copied.
  it('copies a table that no list names, as a new migration would add it', async () => {
    const future =
      'CREATE TABLE note_colours (seq INTEGER PRIMARY KEY, note_seq INTEGER NOT NULL REFERENCES notes (seq), colour TEXT NOT NULL) STRICT';
    const source = fullDatabase(3);
    source.exec(future);
    source.exec("INSERT INTO note_colours (note_seq, colour) SELECT seq, 'teal' FROM notes");
    const target = freshTarget();
    applyMigrations(target);
    target.exec(future);
    try {
      const copied = await rebuildUserData(source, target, {}, OPTIONS);
      expect(copied.rows.note_colours).toBe(3);
      expect(userDataDigests(target)).toEqual(userDataDigests(source));
    } finally {
      source.close();
      target.close();
    }
  });

  // A trigger that keeps one table in step with another must not run while rows are copied:
  // both tables are copied as they are, so it would count every link twice.
  it("copies each table as it is, without running the schema's triggers on the copied rows", async () => {
    const future = `
      CREATE TABLE tag_counts (tag_seq INTEGER PRIMARY KEY REFERENCES tags (seq), notes INTEGER NOT NULL) STRICT;
      CREATE TRIGGER count_links AFTER INSERT ON note_tags BEGIN
        INSERT INTO tag_counts (tag_seq, notes) VALUES (new.tag_seq, 1)
          ON CONFLICT (tag_seq) DO UPDATE SET notes = notes + 1;
      END;`;
    const path = join(ws.root, 'counted.db');
    makeNotesDatabase(path, 3, 50);
    const source = new Database(path);
    source.exec(future);
    addUserData(source);
    const target = freshTarget();
    applyMigrations(target);
    target.exec(future);
    try {
      await rebuildUserData(source, target, {}, OPTIONS);
      expect(userDataDigests(target)).toEqual(userDataDigests(source));
      // The trigger is back for what comes after the restore.
      expect(
        target.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'count_links'").pluck().get(),
      ).toBe(1);
      expect(
        target.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'report'").pluck().get(),
      ).toBe(1);
    } finally {
      source.close();
      target.close();
    }
  });

  it('refills a second search index however its content table is quoted', async () => {
    const source = fullDatabase(2);
    const target = freshTarget();
    applyMigrations(target);
    target.exec('CREATE VIRTUAL TABLE titles_fts USING fts5(title, content=notes, content_rowid=seq)');
    try {
      await rebuildUserData(source, target, {}, OPTIONS);
      target.prepare("INSERT INTO titles_fts (titles_fts, rank) VALUES ('integrity-check', 1)").run();
      expect(
        target.prepare("SELECT count(*) FROM titles_fts WHERE titles_fts MATCH 'note'").pluck().get(),
      ).toBe(2);
    } finally {
      source.close();
      target.close();
    }
  });

  it('fails loudly on a virtual table of the schema that keeps its own content, which no copy refills', async () => {
    const source = fullDatabase(2);
    const target = freshTarget();
    applyMigrations(target);
    target.exec('CREATE VIRTUAL TABLE scribbles USING fts5(text)');
    try {
      await expect(rebuildUserData(source, target, {}, OPTIONS)).rejects.toMatchObject({
        code: 'INTERNAL',
        message: expect.stringMatching(/virtual table "scribbles"/) as unknown,
      });
    } finally {
      source.close();
      target.close();
    }
  });

  for (let version = 1; version <= LATEST_SCHEMA_VERSION; version++) {
    it(`copies a schema-${version} database's tables, then migrates it to the latest`, async () => {
      const source = new Database(join(ws.root, `v${version}.db`));
      applyMigrations(source, version);
      const insert = source.prepare(
        'INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at) VALUES (?, ?, ?, 0, 1, 2, NULL)',
      );
      insert.run('a', 'First', 'buy oranges');
      insert.run('b', 'Second', 'zeppelin garden');
      addUserData(source);
      const target = freshTarget();
      try {
        const copied = await rebuildUserData(source, target, {}, OPTIONS);
        expect(copied.noteCount).toBe(2);
        expect(target.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        // Every table the backup's version had, equal; later ones made empty by the migrations.
        const fresh = freshTarget();
        applyMigrations(fresh);
        const before = userDataDigests(source, fresh);
        const after = userDataDigests(target);
        for (const [name, digest] of Object.entries(after)) {
          expect(digest, name).toEqual(before[name] ?? { rows: 0, sha256: '0'.repeat(64) });
        }
        fresh.close();
        expect(
          target.prepare("SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'zeppelin'").pluck().get(),
        ).toBe(1);
      } finally {
        source.close();
        target.close();
      }
    });
  }

  it('refuses a target without foreign keys, which would take links to missing notes', async () => {
    const source = fullDatabase(2);
    const target = freshTarget();
    target.pragma('foreign_keys = OFF');
    try {
      await expect(rebuildUserData(source, target, {}, OPTIONS)).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      source.close();
      target.close();
    }
  });
});

describe('assertUserDataFitsSchema', () => {
  it('accepts notes that keep the rules', async () => {
    const db = looseNotes(250);
    try {
      await expect(assertUserDataFitsSchema(db, {}, { cancelled: 'x' })).resolves.toBeUndefined();
    } finally {
      db.close();
    }
  });

  it('accepts a database with every table filled', async () => {
    const db = fullDatabase(5, 5 * 1024 * 1024);
    try {
      await expect(assertUserDataFitsSchema(db, {}, { cancelled: 'x' })).resolves.toBeUndefined();
    } finally {
      db.close();
    }
  });

  // 250 notes take two probe batches: the duplicate is only seen by the check across all notes.
  it('refuses an id that the first and the last note share, in different batches', async () => {
    const db = looseNotes(250);
    try {
      db.exec(
        'UPDATE notes SET id = (SELECT id FROM notes ORDER BY seq LIMIT 1) WHERE seq = (SELECT max(seq) FROM notes)',
      );
      await expect(assertUserDataFitsSchema(db, {}, { cancelled: 'x' })).rejects.toMatchObject({
        code: 'BACKUP_DAMAGED',
        message: expect.stringMatching(/UNIQUE constraint failed: notes\."id"/) as unknown,
      });
    } finally {
      db.close();
    }
  });

  it('refuses a pinned value outside 0 and 1 (a CHECK of the schema)', async () => {
    const db = looseNotes(3);
    try {
      db.exec('UPDATE notes SET pinned = 7 WHERE seq = 2');
      await expect(assertUserDataFitsSchema(db, {}, { cancelled: 'x' })).rejects.toMatchObject({
        code: 'BACKUP_DAMAGED',
        message: expect.stringMatching(/CHECK constraint failed/) as unknown,
      });
    } finally {
      db.close();
    }
  });

  // 250 tags take two probe batches: 'WORK' at the end clashes with 'work' in the first one.
  it('refuses two tags whose names differ only in case (unique without regard to case)', async () => {
    const db = fullDatabase(3);
    try {
      loosen(db, 'tags');
      db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
        INSERT INTO tags (seq, name) SELECT 100 + i, 'tag ' || i FROM n`);
      db.exec("INSERT INTO tags (seq, name) VALUES (999, 'WORK')");
      await expectRefused(
        db,
        /tags that break NoteVault's rules for tags \(UNIQUE constraint failed: tags\."?name/,
      );
    } finally {
      db.close();
    }
  });

  it('refuses a link to a note that is not there', async () => {
    const db = fullDatabase(3);
    try {
      db.pragma('foreign_keys = OFF');
      db.exec('INSERT INTO note_tags (note_seq, tag_seq) VALUES (9999, 1)');
      await expectRefused(db, /links between notes and tags that break .*FOREIGN KEY constraint failed/);
    } finally {
      db.close();
    }
  });

  it('refuses a link to an attachment that is not there', async () => {
    const db = fullDatabase(3);
    try {
      db.pragma('foreign_keys = OFF');
      db.exec('INSERT INTO note_attachments (note_seq, attachment_seq) VALUES (1, 9999)');
      await expectRefused(db, /links between notes and attachments that break .*FOREIGN KEY/);
    } finally {
      db.close();
    }
  });

  it('refuses an attachment whose bytes do not hash to its name', async () => {
    const db = fullDatabase(3);
    try {
      const forged = fixtureBytes(300, 99);
      db.prepare('UPDATE attachments SET data = ?, size = ? WHERE file_name = ?').run(
        forged,
        forged.length,
        'diagram.png',
      );
      await expectRefused(
        db,
        /attachments that break NoteVault's rules for attachments \(an attachment named [0-9a-f]{64} holds bytes whose SHA-256 is/,
      );
    } finally {
      db.close();
    }
  });

  it('refuses a kept version with text where NoteVault keeps a time', async () => {
    const db = fullDatabase(3);
    try {
      loosen(db, 'note_versions');
      db.exec("UPDATE note_versions SET saved_at = 'yesterday' WHERE seq = 2");
      await expectRefused(
        db,
        /kept versions of notes that break .*cannot store TEXT value in INTEGER column/,
      );
    } finally {
      db.close();
    }
  });

  it('refuses a backup of schema 5 without its tags table', async () => {
    const db = fullDatabase(3);
    try {
      db.pragma('foreign_keys = OFF');
      db.exec('DROP TABLE note_tags; DROP TABLE tags');
      await expectRefused(db, /has no tags table/);
    } finally {
      db.close();
    }
  });
});
