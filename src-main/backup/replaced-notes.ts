import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { relinkAttachments } from '../db/attachment-links';
import { RESTORE_GROWTH_FACTOR } from './space-check';

/**
 * A restore keeps the text it replaces in each note's history (docs/backup-pipeline.md,
 * "Restore"): every note present before and after (same id) whose title or body the backup
 * changes gets a 'before-restore' version holding its text from before.
 *
 * The old text must outlive dropping the live schema, inside the restore's one transaction,
 * without being held in memory: it is copied into this ordinary table of the live database
 * before the drop (a temp table would sit in memory, as the hold sets temp_store = MEMORY),
 * read back once the backup's rows are in, and dropped again before the commit. A cancel or
 * failure before the commit rolls it back with everything else, so it never outlives the restore.
 * userDataTables and the schema drop leave it alone.
 */
export const REPLACED_NOTES_TABLE = 'restore_replaced_notes';

/** Notes copied per statement, between two looks at the event loop (cancel). */
const SET_ASIDE_ROWS = 500;

/** A version row's bytes beside its text (its key, note, time, size, reason and two index entries). */
const ROW_OVERHEAD_BYTES = 96;

/**
 * Copies id, title and body of every note in `db` into REPLACED_NOTES_TABLE, a batch at a time
 * inside SQLite (no text passes through JavaScript). Call before the schema is dropped.
 */
export async function setAsideReplacedNotes(
  db: Database.Database,
  signal: AbortSignal | undefined,
  cancelled: string,
): Promise<void> {
  const table = REPLACED_NOTES_TABLE;
  // Never committed, so never there before; a table of that name from elsewhere is not NoteVault's.
  db.exec(`DROP TABLE IF EXISTS ${table}`);
  db.exec(
    `CREATE TABLE ${table} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL)`,
  );
  const copy = db.prepare<[number, number]>(
    `INSERT INTO ${table} (seq, id, title, body) SELECT seq, id, title, body FROM notes WHERE seq > ? ORDER BY seq LIMIT ?`,
  );
  const last = db.prepare<[], number | null>(`SELECT max(seq) FROM ${table}`).pluck();
  let after = 0;
  for (;;) {
    if (copy.run(after, SET_ASIDE_ROWS).changes === 0) break;
    after = last.get() ?? after;
    await yieldToEventLoop();
    if (signal?.aborted) throw new NoteVaultError('CANCELLED', cancelled);
  }
}

/**
 * Once the backup's rows are in (and the schema is the current one): keeps each set-aside text
 * that the backup changed as a 'before-restore' version of the restored note with the same id,
 * saved now, its size counted as the history counts it (UTF-8 bytes of title and body), relinks
 * the attachments those versions name, and drops the set-aside table. Returns how many were kept.
 *
 * An attachment that only the replaced database had is not in the restored one: the version
 * keeps its text, and the reference shows as missing (its bytes are in the safety backup).
 */
export function keepReplacedNotes(db: Database.Database, now: number): number {
  const table = REPLACED_NOTES_TABLE;
  const replaced = `FROM ${table} AS r JOIN notes AS n ON n.id = r.id`;
  const differs = '(n.title IS NOT r.title OR n.body IS NOT r.body)';
  const kept = db
    .prepare<[number]>(
      `INSERT INTO note_versions (note_seq, title, body, saved_at, size, reason)
       SELECT n.seq, r.title, r.body, ?, octet_length(r.title) + octet_length(r.body), 'before-restore'
       ${replaced} WHERE ${differs}`,
    )
    .run(now).changes;
  // Only the notes whose kept text names an attachment are relinked; their seqs alone are held.
  const naming = db
    .prepare<[], number>(
      `SELECT n.seq ${replaced} WHERE ${differs} ` +
        "AND (instr(r.body, 'attachment:') > 0 OR instr(r.title, 'attachment:') > 0)",
    )
    .pluck()
    .all();
  for (const noteSeq of naming) relinkAttachments(db, noteSeq);
  db.exec(`DROP TABLE ${table}`);
  return kept;
}

/**
 * Bytes on the live database's volume that keeping the replaced notes may add: the set-aside
 * copy of every note's text and, at most, a version of each, with their rows' overhead.
 */
export function keptReplacedNotesBound(notes: { count: number; textBytes: number }): number {
  return Math.ceil(2 * (notes.textBytes + notes.count * ROW_OVERHEAD_BYTES) * RESTORE_GROWTH_FACTOR);
}

/** Count and UTF-8 bytes of the notes' titles and bodies (octet_length reads no text). */
export function measureNotesText(db: Database.Database): { count: number; textBytes: number } {
  return (
    db
      .prepare<[], { count: number; textBytes: number }>(
        'SELECT count(*) AS count, coalesce(sum(octet_length(title) + octet_length(body)), 0) AS textBytes FROM notes',
      )
      .get() ?? { count: 0, textBytes: 0 }
  );
}
