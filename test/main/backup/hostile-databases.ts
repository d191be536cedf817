/**
 * Test support: notes databases made by hand to attack a restore or a browse, each encrypted
 * into a valid backup (real writer, metadata that matches the database inside), with what
 * NoteVault must do: refuse it with a code and a message, or take only the notes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorCode } from '../../../src-shared/errors';
import { encryptFileToFile } from '../../../src-main/backup/format/encrypt-stream';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import { closeNotesDatabase } from '../../../src-main/db/open-database';
import { makeNotesDatabase } from './backup-test-support';

export interface HostileCase {
  name: string;
  /** Changes a real NoteVault database with 5 notes (closed; rollback journal). */
  build: (db: Database.Database) => void;
  /** Then changes the closed file's bytes. */
  patch?: (bytes: Buffer) => void;
  /** Refused with this; otherwise restored and browsed with the notes only. */
  refused?: { code: ErrorCode; message: RegExp };
}

/** The notes table rebuilt by hand from `columns` (names with their declarations), not STRICT. */
function rebuildNotesTable(db: Database.Database, columns: string, select: string): void {
  db.exec(`
    CREATE TABLE notes_new (${columns});
    INSERT INTO notes_new SELECT ${select} FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_new RENAME TO notes;
  `);
}

export const HOSTILE_CASES: HostileCase[] = [
  {
    name: 'an extra table, a trigger that copies every purged note into it, and a view',
    build: (db) =>
      db.exec(`
        CREATE TABLE hidden (id TEXT, title TEXT, body TEXT);
        CREATE TRIGGER keep_purged AFTER DELETE ON notes BEGIN
          INSERT INTO hidden VALUES (old.id, old.title, old.body);
        END;
        CREATE VIEW every_title AS SELECT title FROM notes;
        INSERT INTO hidden VALUES ('x', 'planted', 'planted');
      `),
  },
  {
    name: 'a notes table with an extra column',
    build: (db) => db.exec("ALTER TABLE notes ADD COLUMN secret TEXT DEFAULT 'leak'"),
  },
  {
    name: 'a notes table without the body column',
    build: (db) =>
      rebuildNotesTable(
        db,
        'seq INTEGER PRIMARY KEY, id TEXT, title TEXT, pinned INTEGER, created_at INTEGER, updated_at INTEGER, trashed_at INTEGER',
        'seq, id, title, pinned, created_at, updated_at, trashed_at',
      ),
    refused: { code: 'BACKUP_DAMAGED', message: /lacks the column "body"/ },
  },
  {
    name: 'a notes table with text where NoteVault keeps numbers',
    build: (db) =>
      rebuildNotesTable(
        db,
        'seq INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, pinned INTEGER, created_at ANY, updated_at INTEGER, trashed_at INTEGER',
        "seq, id, title, body, pinned, 'yesterday', updated_at, trashed_at",
      ),
    refused: { code: 'BACKUP_DAMAGED', message: /break NoteVault's rules for notes/ },
  },
  {
    name: 'a notes table where two notes share an id',
    build: (db) => {
      rebuildNotesTable(
        db,
        'seq INTEGER PRIMARY KEY, id TEXT, title TEXT, body TEXT, pinned INTEGER, created_at INTEGER, updated_at INTEGER, trashed_at INTEGER',
        'seq, id, title, body, pinned, created_at, updated_at, trashed_at',
      );
      db.exec(
        'UPDATE notes SET id = (SELECT id FROM notes ORDER BY seq LIMIT 1) WHERE seq = (SELECT max(seq) FROM notes)',
      );
    },
    refused: { code: 'BACKUP_DAMAGED', message: /break NoteVault's rules for notes \(UNIQUE/ },
  },
  {
    name: 'a full-text index that disagrees with the notes',
    build: (db) =>
      db.exec(`
        DROP TRIGGER notes_fts_after_update;
        UPDATE notes SET body = 'zebra crossing';
      `),
  },
  {
    name: 'a virtual table of a module NoteVault does not load',
    build: (db) => {
      // Only through writable_schema: SQLite itself refuses to create it.
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.exec(
        "INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('table', 'lurker', 'lurker', 0, 'CREATE VIRTUAL TABLE lurker USING no_such_module(x)')",
      );
      db.pragma('writable_schema = OFF');
      db.unsafeMode(false);
    },
  },
  {
    name: 'a header that claims ten times the pages the file holds',
    build: () => undefined,
    // Bytes 28-31: the database size in pages, trusted while bytes 92-95 equal the change
    // counter (bytes 24-27), which they do in a file SQLite wrote.
    patch: (bytes) => bytes.writeUInt32BE(bytes.readUInt32BE(28) * 10, 28),
    refused: { code: 'DB_CORRUPT', message: /damaged notes database/ },
  },
];

/** A valid backup (under `key`) whose database is a NoteVault database with `hostile` applied. */
export async function hostileBackup(
  dir: string,
  hostile: HostileCase,
  key: { key: Uint8Array; kdf: KdfParams },
  index: number,
): Promise<string> {
  const source = join(dir, `hostile-${index}.db`);
  makeNotesDatabase(source, 5, 200, 40 + index);
  const db = new Database(source);
  db.pragma('journal_mode = DELETE');
  hostile.build(db);
  const noteCount = db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  closeNotesDatabase(db);
  if (hostile.patch) {
    const bytes = readFileSync(source);
    hostile.patch(bytes);
    writeFileSync(source, bytes);
  }
  const path = join(dir, `hostile-${index}.nvbak`);
  await encryptFileToFile(source, path, key.key, key.kdf, {
    appVersion: '0.1.0',
    schemaVersion,
    createdAt: '2026-01-01T00:00:00.000Z',
    noteCount,
    kind: 'manual',
  });
  return path;
}
