import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Tags: many per note. A tag's name is its whole path ("work/projects"): nesting is read from
 * the "/" in names, so renaming "work" to "job" is one UPDATE over the names that start with
 * "work/" and no parent table can drift from the names. Names are unique without regard to case
 * (NOCASE) so "Work" and "work" never become two tags; tag-rules.ts in src-shared decides what a
 * valid name is, the CHECK only keeps obviously broken rows (empty, huge) out of the file.
 *
 * note_tags refers to notes by `seq` (the stable INTEGER PRIMARY KEY, see 001) and cascades, so
 * deleting a note forever or a tag drops its links. WITHOUT ROWID: the table is its primary key.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE tags (
      seq  INTEGER PRIMARY KEY,
      name TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 200)
    ) STRICT;

    CREATE TABLE note_tags (
      note_seq INTEGER NOT NULL REFERENCES notes (seq) ON DELETE CASCADE,
      tag_seq  INTEGER NOT NULL REFERENCES tags (seq) ON DELETE CASCADE,
      PRIMARY KEY (note_seq, tag_seq)
    ) STRICT, WITHOUT ROWID;

    -- Filtering by tag and counting notes per tag read the links from the tag's side.
    CREATE INDEX note_tags_by_tag ON note_tags (tag_seq, note_seq);
  `);
}

export const tagsMigration: Migration = { version: 3, name: 'tags', up };
