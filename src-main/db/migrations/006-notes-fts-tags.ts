import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/**
 * Full-text search over tags too: notes_fts (002) is rebuilt with a third column, `tags`, so a
 * note is found by the words of its tags ("work/projects" is found by "projects").
 *
 * The index keeps external content, now read from the view notes_fts_source: the note's title
 * and body and its tag names joined by spaces in one fixed order. FTS5 never stores that text;
 * it reads the view back for snippets. The price is FTS5's rule for external content: removing
 * a row from the index ('delete') must pass exactly the values that were indexed, or the index
 * silently keeps stale tokens. So every trigger below takes the old values from the view BEFORE
 * the change (while they are still what was indexed) and indexes the new ones AFTER it:
 * - a note: indexed after insert; its title/body change like in 002; removed before delete
 *   (its links cascade away afterwards, when the note is already gone, so those skip).
 * - a link (note_tags): the note is re-indexed around the insert or delete, unless the note or
 *   the tag is already gone (a cascade; then the note's or the tag's own trigger acted).
 *   An insert that is ignored as a duplicate (INSERT OR IGNORE) changes nothing, so the
 *   before-trigger skips it too. Write links with INSERT [OR IGNORE] and DELETE, never REPLACE.
 * - a tag: renaming re-indexes its notes around the update; deleting first deletes its links
 *   one by one (re-indexing each note while the tag still exists), so the cascade finds none.
 * Search while typing: the last word of a query is a prefix ("tom" finds "tomatoes"); without a
 * prefix index FTS5 merges the lists of every word starting with it on each keystroke (over a
 * second for a short, common prefix at 100,000 notes). `prefix = '2 3 4'` indexes the first two,
 * three and four characters of every word, so those prefixes read one list like a whole word
 * (longer prefixes start fewer words). It is here rather than in 007 (notes at scale), which
 * first added it, so an upgrade builds the index once (neither was released apart).
 * FTS5's 'integrity-check' with rank = 1 proves the index matches the view (tags-repository.test.ts;
 * the plain 'integrity-check' checks the index alone and misses a row left behind).
 */
/** The old index out, the view and the new index in. */
const INDEX = `
    DROP TRIGGER notes_fts_after_insert;
    DROP TRIGGER notes_fts_after_delete;
    DROP TRIGGER notes_fts_after_update;
    DROP TABLE notes_fts;

    CREATE VIEW notes_fts_source (seq, title, body, tags) AS
      SELECT n.seq, n.title, n.body,
             coalesce((SELECT group_concat(name, ' ') FROM
                         (SELECT t.name AS name FROM note_tags AS nt JOIN tags AS t ON t.seq = nt.tag_seq
                          WHERE nt.note_seq = n.seq ORDER BY t.name COLLATE NOCASE, t.seq)), '')
      FROM notes AS n;

    CREATE VIRTUAL TABLE notes_fts USING fts5(
      title,
      body,
      tags,
      content = 'notes_fts_source',
      content_rowid = 'seq',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '2 3 4'
    );
`;

/** A note's own changes. */
const NOTE_TRIGGERS = `
    CREATE TRIGGER notes_fts_after_insert AFTER INSERT ON notes BEGIN
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source WHERE seq = new.seq;
    END;

    CREATE TRIGGER notes_fts_before_delete BEFORE DELETE ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', seq, title, body, tags FROM notes_fts_source WHERE seq = old.seq;
    END;

    CREATE TRIGGER notes_fts_after_update AFTER UPDATE OF title, body ON notes BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', old.seq, old.title, old.body, tags FROM notes_fts_source WHERE seq = new.seq;
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source WHERE seq = new.seq;
    END;
`;

/** A tag put on or taken off a note. */
const LINK_TRIGGERS = `
    CREATE TRIGGER note_tags_fts_before_insert BEFORE INSERT ON note_tags
    WHEN NOT EXISTS (SELECT 1 FROM note_tags WHERE note_seq = new.note_seq AND tag_seq = new.tag_seq)
    BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', seq, title, body, tags FROM notes_fts_source WHERE seq = new.note_seq;
    END;

    CREATE TRIGGER note_tags_fts_after_insert AFTER INSERT ON note_tags BEGIN
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source WHERE seq = new.note_seq;
    END;

    CREATE TRIGGER note_tags_fts_before_delete BEFORE DELETE ON note_tags
    WHEN EXISTS (SELECT 1 FROM notes WHERE seq = old.note_seq)
     AND EXISTS (SELECT 1 FROM tags WHERE seq = old.tag_seq)
    BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', seq, title, body, tags FROM notes_fts_source WHERE seq = old.note_seq;
    END;

    CREATE TRIGGER note_tags_fts_after_delete AFTER DELETE ON note_tags
    WHEN EXISTS (SELECT 1 FROM notes WHERE seq = old.note_seq)
     AND EXISTS (SELECT 1 FROM tags WHERE seq = old.tag_seq)
    BEGIN
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source WHERE seq = old.note_seq;
    END;

    CREATE TRIGGER note_tags_fts_before_update BEFORE UPDATE ON note_tags BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', seq, title, body, tags FROM notes_fts_source WHERE seq IN (old.note_seq, new.note_seq);
    END;

    CREATE TRIGGER note_tags_fts_after_update AFTER UPDATE ON note_tags BEGIN
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source WHERE seq IN (old.note_seq, new.note_seq);
    END;
`;

/** A tag renamed or deleted. */
const TAG_TRIGGERS = `
    CREATE TRIGGER tags_fts_before_rename BEFORE UPDATE OF name ON tags BEGIN
      INSERT INTO notes_fts (notes_fts, rowid, title, body, tags)
        SELECT 'delete', seq, title, body, tags FROM notes_fts_source
        WHERE seq IN (SELECT note_seq FROM note_tags WHERE tag_seq = old.seq);
    END;

    CREATE TRIGGER tags_fts_after_rename AFTER UPDATE OF name ON tags BEGIN
      INSERT INTO notes_fts (rowid, title, body, tags)
        SELECT seq, title, body, tags FROM notes_fts_source
        WHERE seq IN (SELECT note_seq FROM note_tags WHERE tag_seq = new.seq);
    END;

    CREATE TRIGGER tags_fts_before_delete BEFORE DELETE ON tags BEGIN
      DELETE FROM note_tags WHERE tag_seq = old.seq;
    END;
`;

function up(db: Database.Database): void {
  db.exec(INDEX);
  db.exec(NOTE_TRIGGERS);
  db.exec(LINK_TRIGGERS);
  db.exec(TAG_TRIGGERS);
  db.exec("INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');");
}

export const notesFullTextSearchWithTagsMigration: Migration = {
  version: 6,
  name: 'full-text search over tags',
  up,
};
