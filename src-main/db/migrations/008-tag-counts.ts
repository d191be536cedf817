import type Database from 'better-sqlite3';
import type { Migration } from '../migration';
import { refillTagNoteCounts, TAG_NOTE_COUNTS_TABLE } from '../tag-note-counts';

const SEP = '/';

/**
 * Every path of the tag `nameExpr` ("a/b/c" gives "a", "a/b", "a/b/c") as rows of `paths(path)`,
 * the prefix the sidebar counts a note under.
 */
function pathsOf(nameExpr: string): string {
  return `WITH RECURSIVE prefixes (path, rest) AS (
      SELECT '', ${nameExpr}
      UNION ALL
      SELECT path || CASE WHEN path = '' THEN '' ELSE '${SEP}' END ||
               CASE WHEN instr(rest, '${SEP}') > 0 THEN substr(rest, 1, instr(rest, '${SEP}') - 1) ELSE rest END,
             CASE WHEN instr(rest, '${SEP}') > 0 THEN substr(rest, instr(rest, '${SEP}') + 1) ELSE '' END
      FROM prefixes WHERE rest <> ''
    ), paths (path) AS (SELECT path FROM prefixes WHERE path <> '')`;
}

/** Whether note `noteExpr` carries a tag other than `tagExpr` at or under `pathExpr`. */
function otherTagUnder(noteExpr: string, tagExpr: string, pathExpr: string): string {
  return `EXISTS (SELECT 1 FROM note_tags AS other JOIN tags AS ot ON ot.seq = other.tag_seq
      WHERE other.note_seq = ${noteExpr} AND other.tag_seq <> ${tagExpr}
        AND (ot.name = ${pathExpr} COLLATE NOCASE
             OR substr(ot.name, 1, length(${pathExpr}) + 1) = ${pathExpr} || '${SEP}' COLLATE NOCASE))`;
}

const LIVE = (noteExpr: string) =>
  `EXISTS (SELECT 1 FROM notes WHERE seq = ${noteExpr} AND trashed_at IS NULL)`;

const DROP_EMPTY = `DELETE FROM ${TAG_NOTE_COUNTS_TABLE} WHERE notes <= 0;`;

/** The live note `note` gained the link to `tag`: each path it was not yet counted under counts it. */
function linkAdded(note: string, tag: string): string {
  return `INSERT INTO ${TAG_NOTE_COUNTS_TABLE} (path, notes)
      ${pathsOf(`(SELECT name FROM tags WHERE seq = ${tag})`)}
      SELECT path, 1 FROM paths WHERE NOT ${otherTagUnder(note, tag, 'paths.path')}
      ON CONFLICT (path) DO UPDATE SET notes = notes + 1;`;
}

/** The live note `note` lost (or is about to lose) the link to `tag`. */
function linkRemoved(note: string, tag: string): string {
  return `UPDATE ${TAG_NOTE_COUNTS_TABLE} SET notes = notes - 1
      WHERE path IN (${pathsOf(`(SELECT name FROM tags WHERE seq = ${tag})`)} SELECT path FROM paths)
        AND NOT ${otherTagUnder(note, tag, `${TAG_NOTE_COUNTS_TABLE}.path`)};
    ${DROP_EMPTY}`;
}

/** Every path of every tag of `note`, once each (without regard to A-Z case). */
function pathsOfNote(note: string): string {
  return `WITH RECURSIVE prefixes (path, rest) AS (
      SELECT '', t.name FROM note_tags AS nt JOIN tags AS t ON t.seq = nt.tag_seq WHERE nt.note_seq = ${note}
      UNION ALL
      SELECT path || CASE WHEN path = '' THEN '' ELSE '${SEP}' END ||
               CASE WHEN instr(rest, '${SEP}') > 0 THEN substr(rest, 1, instr(rest, '${SEP}') - 1) ELSE rest END,
             CASE WHEN instr(rest, '${SEP}') > 0 THEN substr(rest, instr(rest, '${SEP}') + 1) ELSE '' END
      FROM prefixes WHERE rest <> ''
    ) SELECT path FROM prefixes WHERE path <> '' GROUP BY path COLLATE NOCASE`;
}

/** A live note leaves every count (trashed or deleted), or a trashed one comes back. */
const noteLeaves = (note: string) => `UPDATE ${TAG_NOTE_COUNTS_TABLE} SET notes = notes - 1
      WHERE path IN (${pathsOfNote(note)});
    ${DROP_EMPTY}`;
const noteReturns = (note: string) => `INSERT INTO ${TAG_NOTE_COUNTS_TABLE} (path, notes)
      SELECT path, 1 FROM (${pathsOfNote(note)}) WHERE true
      ON CONFLICT (path) DO UPDATE SET notes = notes + 1;`;

/** How many live notes of `tag` carry no other tag under `pathExpr`: what renaming `tag` moves. */
const movedByRename = (tag: string, pathExpr: string) => `(SELECT count(*) FROM note_tags AS nt
      JOIN notes AS n ON n.seq = nt.note_seq AND n.trashed_at IS NULL
      WHERE nt.tag_seq = ${tag} AND NOT ${otherTagUnder('nt.note_seq', tag, pathExpr)})`;

const TRIGGERS = `
  CREATE TRIGGER tag_counts_after_link AFTER INSERT ON note_tags WHEN ${LIVE('new.note_seq')} BEGIN
    ${linkAdded('new.note_seq', 'new.tag_seq')}
  END;

  CREATE TRIGGER tag_counts_after_unlink AFTER DELETE ON note_tags
  WHEN ${LIVE('old.note_seq')} AND EXISTS (SELECT 1 FROM tags WHERE seq = old.tag_seq) BEGIN
    ${linkRemoved('old.note_seq', 'old.tag_seq')}
  END;

  -- NoteVault never updates a link (it inserts and deletes), but an update counts as both.
  CREATE TRIGGER tag_counts_before_relink BEFORE UPDATE ON note_tags
  WHEN ${LIVE('old.note_seq')} AND EXISTS (SELECT 1 FROM tags WHERE seq = old.tag_seq) BEGIN
    ${linkRemoved('old.note_seq', 'old.tag_seq')}
  END;
  CREATE TRIGGER tag_counts_after_relink AFTER UPDATE ON note_tags WHEN ${LIVE('new.note_seq')} BEGIN
    ${linkAdded('new.note_seq', 'new.tag_seq')}
  END;

  -- Deleting a note cascades to its links after the note is gone, so that trigger skips them.
  CREATE TRIGGER tag_counts_before_note_delete BEFORE DELETE ON notes WHEN old.trashed_at IS NULL BEGIN
    ${noteLeaves('old.seq')}
  END;

  CREATE TRIGGER tag_counts_after_trash AFTER UPDATE OF trashed_at ON notes
  WHEN old.trashed_at IS NULL AND new.trashed_at IS NOT NULL BEGIN
    ${noteLeaves('new.seq')}
  END;

  CREATE TRIGGER tag_counts_after_untrash AFTER UPDATE OF trashed_at ON notes
  WHEN old.trashed_at IS NOT NULL AND new.trashed_at IS NULL BEGIN
    ${noteReturns('new.seq')}
  END;

  -- A rename takes the tag's notes out of its old paths and puts them under the new ones.
  CREATE TRIGGER tag_counts_before_rename BEFORE UPDATE OF name ON tags BEGIN
    UPDATE ${TAG_NOTE_COUNTS_TABLE} SET notes = notes - ${movedByRename('old.seq', `${TAG_NOTE_COUNTS_TABLE}.path`)}
      WHERE path IN (${pathsOf('old.name')} SELECT path FROM paths);
    ${DROP_EMPTY}
  END;

  CREATE TRIGGER tag_counts_after_rename AFTER UPDATE OF name ON tags BEGIN
    INSERT INTO ${TAG_NOTE_COUNTS_TABLE} (path, notes)
      ${pathsOf('new.name')}
      SELECT path, ${movedByRename('new.seq', 'paths.path')} AS moved FROM paths WHERE moved > 0
      ON CONFLICT (path) DO UPDATE SET notes = notes + excluded.notes;
  END;
`;

/**
 * Live-note counts per tag path, kept by triggers, so the tag sidebar (TagsRepository.list)
 * reads a few hundred rows instead of counting every link of every note (3.5-4 s a call at
 * 100,000 notes with 300 nested tags on 70% of them, bench/measure-scale.mjs).
 *
 * A row per path ("a", "a/b", whether or not a tag "a" exists) holds how many live notes carry a
 * tag at or under it, each note once: a note tagged "a/b" and "a/c" counts once under "a". That
 * is why a link's triggers look at the note's other tags (a few) before counting it under a path.
 * Paths with no live note have no row. The table is derived data: a restore or browse never
 * copies it from a backup but refills it (derived-tables.ts), as it does the search index.
 *
 * Every change that moves a count has its trigger: a link added or removed (a tag deleted
 * deletes its links first, 006), a note trashed, restored or deleted forever while live (its
 * links cascade only once it is gone), a tag renamed (a merge is links added, then a delete).
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE ${TAG_NOTE_COUNTS_TABLE} (
      path  TEXT    NOT NULL PRIMARY KEY COLLATE NOCASE,
      notes INTEGER NOT NULL CHECK (notes >= 0)
    ) STRICT, WITHOUT ROWID;
  `);
  db.exec(TRIGGERS);
  refillTagNoteCounts(db);
}

export const tagCountsMigration: Migration = { version: 8, name: 'tag counts', up };
