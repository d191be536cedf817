import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Kept versions of a note (its history), written while typing (at most one every few minutes)
 * and before every restore, bring-back or import that changes the note, then thinned over time.
 * Part of the database, so part of every backup. Cascades from notes: a note deleted forever
 * takes its history with it. `reason` says why a version was kept, for the history panel.
 * `size` is the UTF-8 bytes of title and body, written with the row, so the history's size cap
 * is one SUM over an index rather than a read of every kept text.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE note_versions (
      seq      INTEGER PRIMARY KEY,
      note_seq INTEGER NOT NULL REFERENCES notes (seq) ON DELETE CASCADE,
      title    TEXT    NOT NULL,
      body     TEXT    NOT NULL,
      saved_at INTEGER NOT NULL,
      size     INTEGER NOT NULL CHECK (size >= 0),
      reason   TEXT    NOT NULL CHECK (reason IN
                 ('edit', 'before-restore', 'before-bring-back', 'before-import', 'before-version-restore'))
    ) STRICT;

    -- The history panel lists one note's versions newest first; thinning walks them in time.
    CREATE INDEX note_versions_by_note ON note_versions (note_seq, saved_at);
    -- The size cap: the total and the oldest versions, without reading the texts.
    CREATE INDEX note_versions_by_time ON note_versions (saved_at, size);
  `);
}

export const noteVersionsMigration: Migration = { version: 5, name: 'note versions', up };
