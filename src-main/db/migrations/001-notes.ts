import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * The notes table.
 *
 * `seq` is the table's INTEGER PRIMARY KEY (its rowid) and `id` (a UUID) is the key every
 * API uses. The split exists for full-text search: an FTS5 external-content index stores
 * rowids, and SQLite only promises stable rowids for tables with an INTEGER PRIMARY KEY
 * (VACUUM may renumber the hidden rowid of any other table, which would silently point
 * search hits at the wrong notes).
 *
 * STRICT makes SQLite reject a value of the wrong type instead of storing it as-is.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE notes (
      seq        INTEGER PRIMARY KEY,
      id         TEXT    NOT NULL UNIQUE,
      title      TEXT    NOT NULL,
      body       TEXT    NOT NULL,
      pinned     INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      trashed_at INTEGER
    ) STRICT;

    -- The list view filters on live/trashed, puts pinned notes first, then sorts.
    CREATE INDEX notes_by_updated ON notes (trashed_at, pinned, updated_at);
    CREATE INDEX notes_by_created ON notes (trashed_at, pinned, created_at);
    CREATE INDEX notes_by_title ON notes (trashed_at, pinned, title COLLATE NOCASE);
  `);
}

export const notesTableMigration: Migration = { version: 1, name: 'notes table', up };
