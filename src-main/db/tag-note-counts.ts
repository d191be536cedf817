import type Database from 'better-sqlite3';

/** Live-note counts per tag path, kept by the triggers of migrations/008-tag-counts.ts. */
export const TAG_NOTE_COUNTS_TABLE = 'tag_note_counts';

/**
 * Counts every tag path's live notes from scratch (each note once per path, without regard to
 * A-Z case): when the table is made, and after a restore or browse copied rows with the
 * triggers set aside. Slow at scale (seconds at 100,000 notes), which is why triggers keep it.
 */
export function refillTagNoteCounts(db: Database.Database): void {
  db.exec(`
    DELETE FROM ${TAG_NOTE_COUNTS_TABLE};
    INSERT INTO ${TAG_NOTE_COUNTS_TABLE} (path, notes)
    WITH RECURSIVE prefixes (tag_seq, path, rest) AS (
      SELECT seq, '', name FROM tags
      UNION ALL
      SELECT tag_seq,
             path || CASE WHEN path = '' THEN '' ELSE '/' END ||
               CASE WHEN instr(rest, '/') > 0 THEN substr(rest, 1, instr(rest, '/') - 1) ELSE rest END,
             CASE WHEN instr(rest, '/') > 0 THEN substr(rest, instr(rest, '/') + 1) ELSE '' END
      FROM prefixes WHERE rest <> ''
    )
    SELECT p.path, count(DISTINCT nt.note_seq)
    FROM prefixes AS p
    JOIN note_tags AS nt ON nt.tag_seq = p.tag_seq
    JOIN notes AS n ON n.seq = nt.note_seq AND n.trashed_at IS NULL
    WHERE p.path <> ''
    GROUP BY p.path COLLATE NOCASE;
  `);
}
