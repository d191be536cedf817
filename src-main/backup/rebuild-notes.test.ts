import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeNotesDatabase, useWorkspace } from '../../test/main/backup/backup-test-support';
import { assertNotesFitSchema } from './rebuild-notes';

const ws = useWorkspace();

/** A version-2 notes database whose notes table lost its constraints, with `count` notes. */
function looseNotes(count: number): Database.Database {
  const path = join(ws.root, 'loose.db');
  makeNotesDatabase(path, count, 20);
  const db = new Database(path);
  db.exec(`
    CREATE TABLE notes_new (seq INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, pinned INTEGER,
      created_at INTEGER, updated_at INTEGER, trashed_at INTEGER);
    INSERT INTO notes_new SELECT * FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_new RENAME TO notes;
  `);
  return db;
}

describe('assertNotesFitSchema', () => {
  it('accepts notes that keep the rules', async () => {
    const db = looseNotes(250);
    try {
      await expect(assertNotesFitSchema(db, {}, { cancelled: 'x' })).resolves.toBeUndefined();
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
      await expect(assertNotesFitSchema(db, {}, { cancelled: 'x' })).rejects.toMatchObject({
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
      await expect(assertNotesFitSchema(db, {}, { cancelled: 'x' })).rejects.toMatchObject({
        code: 'BACKUP_DAMAGED',
        message: expect.stringMatching(/CHECK constraint failed/) as unknown,
      });
    } finally {
      db.close();
    }
  });
});
