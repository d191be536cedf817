import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Attachments (images and files) live in the database, so every backup carries them and a
 * restore brings them back with the notes. Content-addressed: `sha256` (lower-case hex of the
 * bytes) is unique, so the same image pasted into ten notes is stored once. Notes refer to an
 * attachment in their Markdown as `attachment:<sha256>` (src-shared/attachment-ref.ts).
 *
 * note_attachments records which notes (their current text and their kept versions) refer to
 * which attachment; it is derived from the text on every save, and an attachment left with no
 * row there is removed when the trash is emptied. It does not cascade from attachments: an
 * attachment that a note still refers to must not be deletable.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE attachments (
      seq        INTEGER PRIMARY KEY,
      sha256     TEXT    NOT NULL UNIQUE
                         CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
      media_type TEXT    NOT NULL CHECK (length(media_type) BETWEEN 1 AND 255),
      file_name  TEXT    NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
      size       INTEGER NOT NULL CHECK (size >= 0),
      data       BLOB    NOT NULL CHECK (length(data) = size),
      created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE note_attachments (
      note_seq       INTEGER NOT NULL REFERENCES notes (seq) ON DELETE CASCADE,
      attachment_seq INTEGER NOT NULL REFERENCES attachments (seq),
      PRIMARY KEY (note_seq, attachment_seq)
    ) STRICT, WITHOUT ROWID;

    -- "Does any note still refer to this attachment?" is asked from the attachment's side.
    CREATE INDEX note_attachments_by_attachment ON note_attachments (attachment_seq, note_seq);
  `);
}

export const attachmentsMigration: Migration = { version: 4, name: 'attachments', up };
