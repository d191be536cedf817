/**
 * Test support: notes databases made by hand to attack a restore or a browse, each encrypted
 * into a valid backup (real writer, metadata that matches the database inside), with what
 * NoteVault must do: refuse it with a code and a message, or take only the notes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ErrorCode } from '../../../src-shared/errors';
import { encryptFileToFile } from '../../../src-main/backup/format/encrypt-stream';
import type { KdfParams } from '../../../src-main/backup/format/kdf';
import { closeNotesDatabase } from '../../../src-main/db/open-database';
import { makeNotesDatabase } from './backup-test-support';
import { addUserData, fixtureBytes } from './user-data-fixture';

export interface HostileCase {
  name: string;
  /**
   * Changes a real NoteVault database with 5 notes and the rows of addUserData (closed; rollback
   * journal; foreign keys off, so a case may plant links to nothing).
   */
  build: (db: Database.Database) => void;
  /** Then changes the closed file's bytes. */
  patch?: (bytes: Buffer) => void;
  /** Refused with this; otherwise restored and browsed with the notes only. */
  refused?: { code: ErrorCode; message: RegExp };
}

/** The notes table rebuilt by hand from `columns` (names with their declarations), not STRICT. */
function rebuildNotesTable(db: Database.Database, columns: string, select: string): void {
  rebuildTable(db, 'notes', columns, select);
}

/** `table` rebuilt by hand from `columns` (names with their declarations), not STRICT. */
function rebuildTable(db: Database.Database, table: string, columns: string, select: string): void {
  // The rename would re-check the search index's view, which names the dropped table.
  db.pragma('legacy_alter_table = ON');
  db.exec(`
    CREATE TABLE rebuilt (${columns});
    INSERT INTO rebuilt SELECT ${select} FROM ${table};
    DROP TABLE ${table};
    ALTER TABLE rebuilt RENAME TO ${table};
  `);
}

/** What addUserData puts in each table besides notes: a restore or browse that takes a backup keeps all. */
export const USER_DATA_ROWS: Readonly<Record<string, number>> = {
  tags: 3,
  note_tags: 3,
  attachments: 3,
  note_attachments: 3,
  note_versions: 3,
};

/** Rows of each table of USER_DATA_ROWS in `db`, and whether every attachment hashes to its name. */
export function userDataRows(db: Database.Database): Record<string, number | boolean> {
  const rows: Record<string, number | boolean> = {};
  for (const table of Object.keys(USER_DATA_ROWS)) {
    rows[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  rows.contentAddressed = (
    db.prepare('SELECT sha256, data FROM attachments').all() as { sha256: string; data: Buffer }[]
  ).every(({ sha256, data }) => createHash('sha256').update(data).digest('hex') === sha256);
  return rows;
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
    name: 'a link between a tag and a note that is not there',
    build: (db) => db.exec('INSERT INTO note_tags (note_seq, tag_seq) VALUES (9999, 1)'),
    refused: {
      code: 'BACKUP_DAMAGED',
      message: /links between notes and tags that break NoteVault's rules .*FOREIGN KEY constraint failed/,
    },
  },
  {
    name: 'a link from a note to an attachment that is not there',
    build: (db) => db.exec('INSERT INTO note_attachments (note_seq, attachment_seq) VALUES (1, 9999)'),
    refused: { code: 'BACKUP_DAMAGED', message: /links between notes and attachments .*FOREIGN KEY/ },
  },
  {
    name: 'an attachment whose bytes do not hash to its name (a forged content address)',
    build: (db) => {
      const forged = fixtureBytes(300, 666);
      db.prepare("UPDATE attachments SET data = ?, size = ? WHERE file_name = 'diagram.png'").run(
        forged,
        forged.length,
      );
    },
    refused: { code: 'BACKUP_DAMAGED', message: /holds bytes whose SHA-256 is [0-9a-f]{64}/ },
  },
  {
    name: 'a kept version with text where NoteVault keeps a time',
    build: (db) => {
      const columns = db
        .prepare("SELECT name FROM pragma_table_info('note_versions') ORDER BY cid")
        .pluck()
        .all() as string[];
      rebuildTable(db, 'note_versions', columns.join(', '), columns.join(', '));
      db.exec("UPDATE note_versions SET saved_at = 'last week'");
    },
    refused: { code: 'BACKUP_DAMAGED', message: /kept versions of notes that break NoteVault's rules/ },
  },
  {
    name: 'two tags whose names differ only in case',
    build: (db) => {
      rebuildTable(db, 'tags', 'seq INTEGER PRIMARY KEY, name TEXT', 'seq, name');
      db.exec("INSERT INTO tags (name) VALUES ('WORK')");
    },
    refused: { code: 'BACKUP_DAMAGED', message: /tags that break NoteVault's rules for tags \(UNIQUE/ },
  },
  {
    name: 'a schema-5 database without its attachments table',
    build: (db) => db.exec('DROP TABLE note_attachments; DROP TABLE attachments'),
    refused: { code: 'BACKUP_DAMAGED', message: /has no attachments table/ },
  },
  {
    name: 'an attachments table with an extra column',
    build: (db) => db.exec("ALTER TABLE attachments ADD COLUMN path TEXT DEFAULT '/etc/passwd'"),
  },
  {
    name: 'triggers on the tags, links, attachments and versions that would delete notes and plant rows',
    build: (db) =>
      db.exec(`
        CREATE TRIGGER wipe_on_link AFTER INSERT ON note_tags BEGIN DELETE FROM notes; END;
        CREATE TRIGGER plant_on_attachment AFTER INSERT ON attachments BEGIN
          INSERT INTO tags (name) VALUES ('planted ' || new.seq);
        END;
        CREATE TRIGGER forge_on_link AFTER INSERT ON note_attachments BEGIN
          UPDATE attachments SET data = x'00', size = 1;
        END;
        CREATE TRIGGER purge_history AFTER INSERT ON note_versions BEGIN DELETE FROM note_versions; END;
        CREATE VIEW every_file AS SELECT file_name, data FROM attachments;
      `),
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
  addUserData(db);
  db.pragma('foreign_keys = OFF');
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
  await encryptFileToFile(
    source,
    path,
    { formatVersion: 1, key: key.key, kdf: key.kdf },
    {
      appVersion: '0.1.0',
      schemaVersion,
      createdAt: '2026-01-01T00:00:00.000Z',
      noteCount,
      kind: 'manual',
    },
  );
  return path;
}
