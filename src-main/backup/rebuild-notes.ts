import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { applyMigrations } from '../db/run-migrations';
import { notesDigest } from './notes-database-checks';
import type { BackupPhase, JobControls } from './progress';
import { report } from './progress';

/**
 * Notes per INSERT statement (batchInsert), and between two looks at the event loop (cancel,
 * progress); fewer when their text passes BATCH_BYTES, so huge notes never pile up in memory.
 */
const BATCH_ROWS = 200;
const BATCH_BYTES = 4 * 1024 * 1024;

export interface RebuildOptions {
  /** Names the target in messages, e.g. the live database's path. */
  label: string;
  /** Reported per batch, in bytes of the backup, up to one byte short of the total. */
  phase?: BackupPhase;
  /** What a cancellation says, e.g. 'The restore was cancelled before your notes were replaced.' */
  cancelled: string;
}

/**
 * The one way a backup's notes enter a NoteVault database, for a restore and for browsing:
 * `target` (empty, user_version 0) gets the schema of the backup's version from NoteVault's
 * own migrations, only the columns NoteVault knows are copied out of the backup's `notes`,
 * the copy is proved equal by digest, and the later migrations run. Nothing else of the
 * backup's database (tables, triggers, views, indexes, virtual tables) is ever adopted or run.
 * The caller decides the transaction. Returns the number of notes copied.
 */
export async function rebuildNotes(
  source: Database.Database,
  target: Database.Database,
  controls: JobControls,
  options: RebuildOptions,
): Promise<number> {
  try {
    const sourceVersion = source.pragma('user_version', { simple: true }) as number;
    // The backup's notes go into the schema of the backup's own version, then every later
    // migration runs on them, exactly as when an older database is opened.
    applyMigrations(target, sourceVersion);
    const columns = notesColumns(target);
    assertSourceHasColumns(source, columns);
    const expected = notesDigest(source, columns);
    await copyNotes(source, target, columns, expected.noteCount, controls, options);
    const written = notesDigest(target, columns);
    if (written.sha256 !== expected.sha256 || written.noteCount !== expected.noteCount) {
      throw new NoteVaultError(
        'INTERNAL',
        `Copying the backup's notes into ${options.label} did not give the same notes (${written.noteCount} ` +
          `written, ${expected.noteCount} in the backup), so nothing was changed. This is a bug in NoteVault; please report it.`,
      );
    }
    applyMigrations(target);
    return written.noteCount;
  } catch (cause) {
    throw notesBreakRules(cause);
  }
}

/**
 * The backup's notes checked, before anything is written, against exactly the rules rebuildNotes
 * will meet: a throwaway in-memory database made by the same migrations (the one source of the
 * rules) takes every note, a batch at a time, rolled back after each batch so memory stays
 * small; the keys its schema declares unique are then checked across all notes on the source.
 * A restore runs this before its safety backup, so a backup that rebuildNotes would refuse
 * (a wrong type, a missing value, a duplicate id, a missing column) leaves nothing behind.
 */
export async function assertNotesFitSchema(
  source: Database.Database,
  controls: JobControls,
  options: { cancelled: string; nativeBinding?: string | undefined },
): Promise<void> {
  const probe = new Database(':memory:', { nativeBinding: options.nativeBinding });
  try {
    applyMigrations(probe, source.pragma('user_version', { simple: true }) as number);
    // Only the notes table's own constraints matter; the full-text index would double the work.
    for (const name of probe
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
      .pluck()
      .all() as string[]) {
      probe.exec(`DROP TRIGGER ${quoteName(name)}`);
    }
    const columns = notesColumns(probe);
    assertSourceHasColumns(source, columns);
    const insert = batchInsert(probe, columns);
    const tryBatch = probe.transaction((rows: unknown[][]) => {
      insert(rows);
      throw ROLL_BACK;
    });
    await forEachBatch(source, columns, async (rows) => {
      try {
        tryBatch(rows);
      } catch (error) {
        if (error !== ROLL_BACK) throw error;
      }
      await yieldToEventLoop();
      if (controls.signal?.aborted) throw new NoteVaultError('CANCELLED', options.cancelled);
    });
    for (const key of uniqueKeys(probe)) {
      const list = key.map((column) => `${column} COLLATE BINARY`).join(', ');
      const twice = source.prepare(`SELECT 1 FROM notes GROUP BY ${list} HAVING count(*) > 1 LIMIT 1`).get();
      if (twice !== undefined) {
        throw Object.assign(new Error(`UNIQUE constraint failed: notes.${key.join(', notes.')}`), {
          code: 'SQLITE_CONSTRAINT_UNIQUE',
        });
      }
    }
  } catch (cause) {
    throw notesBreakRules(cause);
  } finally {
    probe.close();
  }
}

/** Thrown inside a probe batch's transaction so better-sqlite3 rolls it back. */
const ROLL_BACK = new Error('The probe batch is rolled back.');

/** Quoted column lists of every unique index and the primary key of `db`'s notes table. */
function uniqueKeys(db: Database.Database): string[][] {
  const keys = (
    db.prepare(`SELECT name FROM pragma_index_list('notes') WHERE "unique" = 1`).pluck().all() as string[]
  ).map((index) =>
    (db.prepare('SELECT name FROM pragma_index_info(?) ORDER BY seqno').pluck().all(index) as string[]).map(
      quoteName,
    ),
  );
  const primary = (
    db
      .prepare("SELECT name FROM pragma_table_info('notes') WHERE pk > 0 ORDER BY pk")
      .pluck()
      .all() as string[]
  ).map(quoteName);
  return primary.length > 0 ? [...keys, primary] : keys;
}

/** Progress in bytes, as every other phase reports it: the backup's size shared out per note. */
export function progressTotal(source: Database.Database): number {
  return (
    (source.pragma('page_count', { simple: true }) as number) *
    (source.pragma('page_size', { simple: true }) as number)
  );
}

export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function notesColumns(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM pragma_table_info('notes') ORDER BY cid").pluck().all() as string[]
  ).map(quoteName);
}

function assertSourceHasColumns(source: Database.Database, columns: string[]): void {
  const present = new Set(
    (source.prepare("SELECT name FROM pragma_table_info('notes')").pluck().all() as string[]).map(quoteName),
  );
  const missing = columns.filter((column) => !present.has(column));
  if (missing.length > 0) {
    throw new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup's notes table lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that ` +
        'its schema version must have, so it cannot be used. Nothing was changed. Use another backup.',
    );
  }
}

async function copyNotes(
  source: Database.Database,
  target: Database.Database,
  columns: string[],
  total: number,
  controls: JobControls,
  options: RebuildOptions,
): Promise<void> {
  const insert = batchInsert(target, columns);
  const bytesTotal = progressTotal(source);
  // 100% is reported by the caller once the notes are in (a restore: after its commit).
  const bytesAfter = (notes: number): number =>
    Math.min(bytesTotal - 1, Math.round((bytesTotal * notes) / Math.max(1, total)));
  const progress = (done: number): void => {
    if (options.phase !== undefined) report(controls, options.phase, bytesAfter(done), bytesTotal);
  };
  progress(0);
  let done = 0;
  await forEachBatch(source, columns, async (batch) => {
    insert(batch);
    done += batch.length;
    progress(done);
    await yieldToEventLoop();
    if (controls.signal?.aborted) throw new NoteVaultError('CANCELLED', options.cancelled);
  });
}

/** The source's notes (only `columns`) in rowid order, in batches of BATCH_ROWS or BATCH_BYTES. */
async function forEachBatch(
  source: Database.Database,
  columns: string[],
  use: (batch: unknown[][]) => Promise<void>,
): Promise<void> {
  let batch: unknown[][] = [];
  let batchBytes = 0;
  for (const row of source
    .prepare(`SELECT ${columns.join(', ')} FROM notes ORDER BY rowid`)
    .raw()
    .iterate()) {
    const values = row as unknown[];
    batch.push(values);
    batchBytes += values.reduce<number>(
      (sum, value) => sum + (typeof value === 'string' ? value.length : 8),
      0,
    );
    if (batch.length === BATCH_ROWS || batchBytes >= BATCH_BYTES) {
      await use(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) await use(batch);
}

/**
 * One INSERT per batch of notes rather than one per note: the full-text index's trigger
 * flushes FTS5's pending index at the end of every statement, so single-row inserts took
 * 3.4 times as long (100 MiB of notes: 6.7 s against 2.0 s for 200 rows a statement).
 */
function batchInsert(target: Database.Database, columns: string[]): (rows: unknown[][]) => void {
  const statements = new Map<number, Database.Statement>();
  const row = `(${columns.map(() => '?').join(', ')})`;
  return (rows) => {
    let statement = statements.get(rows.length);
    if (statement === undefined) {
      statement = target.prepare(
        `INSERT INTO notes (${columns.join(', ')}) VALUES ${Array(rows.length).fill(row).join(', ')}`,
      );
      statements.set(rows.length, statement);
    }
    statement.run(rows.flat());
  };
}

/** Notes NoteVault's schema refuses (a wrong type, a duplicate id, a missing value) mean a damaged backup. */
function notesBreakRules(cause: unknown): unknown {
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup holds notes that break NoteVault's rules for notes (${(cause as Error).message}), so it cannot ` +
        'be used. Nothing was changed. Use another backup.',
      { cause },
    );
  }
  return cause;
}
