import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Full-text search over title and body.
 *
 * External content (`content='notes'`) keeps a single copy of the text: the index holds
 * only tokens and reads title/body back from `notes` for snippets. The price is that the
 * index must be kept in step by hand, hence the three triggers. The update trigger fires
 * only for title/body changes so pinning or trashing a 16 MB note does not re-index it.
 *
 * `remove_diacritics 2` lets "cafe" find "café". The final 'rebuild' indexes the notes
 * that already exist when a version-1 database is upgraded.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE VIRTUAL TABLE notes_fts USING fts5(
      title,
      body,
      content = 'notes',
      content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2'
    );

    CREATE TRIGGER notes_fts_after_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;

    CREATE TRIGGER notes_fts_after_delete AFTER DELETE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
    END;

    CREATE TRIGGER notes_fts_after_update AFTER UPDATE OF title, body ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
      INSERT INTO notes_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;

    INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
  `);
}

export const notesFullTextSearchMigration: Migration = { version: 2, name: 'notes full-text search', up };
