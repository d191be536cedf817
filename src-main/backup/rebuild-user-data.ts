import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { refillDerivedTables } from '../db/derived-tables';
import { applyMigrations } from '../db/run-migrations';
import { refillSearchIndexes, restoreTriggers, setAsideTriggers } from './derived-data';
import type { BackupPhase, JobControls } from './progress';
import { report } from './progress';
import { CancelPace, valueBytes } from './cancel-pace';
import { rowRuleFor } from './row-rules';
import { assertParentsExist, assertUniqueAcrossTable } from './table-wide-checks';
import { RowDigest, tableDigestInSteps } from './user-data-digest';
import type { TableDigest } from './user-data-digest';
import { columnsOf, describeTable, quoteName, userDataTables } from './user-data-tables';
import type { UserDataTable } from './user-data-tables';

export { quoteName } from './user-data-tables';

/**
 * Rows per INSERT statement (batchInsert), and between two looks at the event loop (cancel,
 * progress); fewer when their values pass BATCH_BYTES, so huge notes and attachments (a batch
 * of one, past it) never pile up in memory.
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

/** What a rebuild copied: rows per table (every user-data table of the backup's version). */
export interface RebuiltUserData {
  noteCount: number;
  rows: Record<string, number>;
}

/**
 * The one way a backup's data enters a NoteVault database, for a restore and for browsing:
 * `target` (empty, user_version 0, foreign keys on) gets the schema of the backup's version from
 * NoteVault's own migrations; every table that schema holds user data in (userDataTables: notes,
 * tags, attachments, the links between them, kept versions) is copied out of the backup, parents
 * first, only the columns NoteVault knows, in batches bounded by bytes; each table's copy is
 * proved equal by digest, attachments must hash to their names, the schema's triggers (set aside
 * during the copy) come back, the search index and the derived tables (derived-tables.ts, never
 * copied) are refilled once, and the later migrations run.
 * Nothing else of the backup's database (tables, triggers, views, indexes, virtual tables) is
 * ever adopted or run. The caller decides the transaction.
 */
export async function rebuildUserData(
  source: Database.Database,
  target: Database.Database,
  controls: JobControls,
  options: RebuildOptions,
): Promise<RebuiltUserData> {
  let table: UserDataTable | undefined;
  try {
    if (target.pragma('foreign_keys', { simple: true }) !== 1) {
      // Without them a link to a missing note would be copied without a word.
      throw new NoteVaultError(
        'INTERNAL',
        'A rebuild needs foreign keys on in its target. This is a bug in NoteVault.',
      );
    }
    const sourceVersion = source.pragma('user_version', { simple: true }) as number;
    // The backup's rows go into the schema of the backup's own version, then every later
    // migration runs on them, exactly as when an older database is opened.
    applyMigrations(target, sourceVersion);
    const tables = userDataTables(target);
    for (const each of tables) assertSourceHasColumns(source, each);
    const progress = byteProgress(source, controls, options);
    const rows: Record<string, number> = {};
    // Every pass over a table, and every statement of seconds, ends where a Cancel is heard.
    const pace = new CancelPace(controls.signal, options.cancelled);
    const triggers = setAsideTriggers(target);
    for (table of tables) {
      const expected = await copyTable(source, target, table, progress, controls, options);
      const written = await tableDigestInSteps(target, table.name, table.columns, pace);
      if (written.sha256 !== expected.sha256 || written.rows !== expected.rows) {
        throw new NoteVaultError(
          'INTERNAL',
          `Copying the backup's ${describeTable(table.name)} into ${options.label} did not give the same rows ` +
            `(${written.rows} written, ${expected.rows} in the backup), so nothing was changed. This is a bug in ` +
            'NoteVault; please report it.',
        );
      }
      rows[table.name] = written.rows;
    }
    table = undefined;
    restoreTriggers(target, triggers);
    await refillSearchIndexes(target, pace);
    refillDerivedTables(target);
    await pace.point();
    applyMigrations(target);
    await pace.point();
    return { noteCount: rows.notes ?? 0, rows };
  } catch (cause) {
    throw breaksRules(cause, table);
  }
}

/**
 * The backup's rows checked, before anything is written, against exactly the rules
 * rebuildUserData will meet: a throwaway in-memory database made by the same migrations (the one
 * source of the rules) takes every row of every user-data table, a batch at a time, rolled back
 * after each batch so memory stays small, and each row meets its row rule (an attachment's hash).
 * What a batch cannot show is then checked across the whole table on the source: the keys the
 * schema declares unique, and that every foreign key finds its parent row. A restore runs this
 * before its safety backup, so a backup that the rebuild would refuse (a wrong type, a missing
 * value, a duplicate id, a missing column, a link to a missing note, a forged attachment) leaves
 * nothing behind.
 */
export async function assertUserDataFitsSchema(
  source: Database.Database,
  controls: JobControls,
  options: { cancelled: string; nativeBinding?: string | undefined },
): Promise<void> {
  const probe = new Database(':memory:', { nativeBinding: options.nativeBinding });
  let table: UserDataTable | undefined;
  try {
    applyMigrations(probe, source.pragma('user_version', { simple: true }) as number);
    // Only the tables' own constraints matter here; the full-text index would double the work,
    // and a batch of links has no parents in the probe: foreign keys are checked on the source.
    for (const name of probe
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
      .pluck()
      .all() as string[]) {
      probe.exec(`DROP TRIGGER ${quoteName(name)}`);
    }
    probe.pragma('foreign_keys = OFF');
    const tables = userDataTables(probe);
    for (const each of tables) assertSourceHasColumns(source, each);
    for (table of tables) {
      const insert = batchInsert(probe, table);
      const tryBatch = probe.transaction((rows: unknown[][]) => {
        insert(rows);
        throw ROLL_BACK;
      });
      await forEachBatch(source, table, async (rows) => {
        try {
          tryBatch(rows);
        } catch (error) {
          if (error !== ROLL_BACK) throw error;
        }
        await yieldToEventLoop();
        if (controls.signal?.aborted) throw new NoteVaultError('CANCELLED', options.cancelled);
      });
      assertUniqueAcrossTable(probe, source, table.name);
      assertParentsExist(probe, source, table.name);
    }
  } catch (cause) {
    throw breaksRules(cause, table);
  } finally {
    probe.close();
  }
}

/** Thrown inside a probe batch's transaction so better-sqlite3 rolls it back. */
const ROLL_BACK = new Error('The probe batch is rolled back.');

/** Progress in bytes, as every other phase reports it: the backup's size. */
export function progressTotal(source: Database.Database): number {
  return (
    (source.pragma('page_count', { simple: true }) as number) *
    (source.pragma('page_size', { simple: true }) as number)
  );
}

/**
 * Reports `phase` as the bytes of values copied so far against the backup's size: a rough
 * measure (the file also holds indexes and free pages), never reaching the total, which the
 * caller reports once the rows are in (a restore: after its commit).
 */
function byteProgress(
  source: Database.Database,
  controls: JobControls,
  options: RebuildOptions,
): (bytes: number) => void {
  const total = progressTotal(source);
  let done = 0;
  const progress = (bytes: number): void => {
    done += bytes;
    if (options.phase !== undefined) report(controls, options.phase, Math.min(total - 1, done), total);
  };
  progress(0);
  return progress;
}

function assertSourceHasColumns(source: Database.Database, table: UserDataTable): void {
  const present = new Set(columnsOf(source, table.name));
  const missing = table.columns.filter((column) => !present.has(column));
  if (missing.length === 0) return;
  const what =
    present.size === 0
      ? `The backup has no ${table.name} table, which`
      : `The backup's ${table.name} table lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that`;
  throw new NoteVaultError(
    'BACKUP_DAMAGED',
    `${what} its schema version must have, so it cannot be used. Nothing was changed. Use another backup.`,
  );
}

/** Copies `table` in batches; returns the digest of the rows read from the backup. */
async function copyTable(
  source: Database.Database,
  target: Database.Database,
  table: UserDataTable,
  progress: (bytes: number) => void,
  controls: JobControls,
  options: RebuildOptions,
): Promise<TableDigest> {
  const insert = batchInsert(target, table);
  const digest = new RowDigest();
  await forEachBatch(source, table, async (batch, bytes) => {
    for (const row of batch) digest.add(row);
    insert(batch);
    progress(bytes);
    await yieldToEventLoop();
    if (controls.signal?.aborted) throw new NoteVaultError('CANCELLED', options.cancelled);
  });
  return digest.result();
}

/**
 * The source's rows of `table` (only its known columns), in the order SQLite reads them (no
 * sort: a sort would hold the rows, attachments' bytes included, in memory), in batches of
 * BATCH_ROWS or BATCH_BYTES. Each row meets the table's row rule first.
 */
async function forEachBatch(
  source: Database.Database,
  table: UserDataTable,
  use: (batch: unknown[][], bytes: number) => Promise<void>,
): Promise<void> {
  const rule = rowRuleFor(table.name, table.columns);
  let batch: unknown[][] = [];
  let batchBytes = 0;
  for (const row of source
    .prepare(`SELECT ${table.columns.join(', ')} FROM ${quoteName(table.name)}`)
    .raw()
    .iterate()) {
    const values = row as unknown[];
    const broken = rule?.(values) ?? null;
    if (broken !== null) throw new NoteVaultError('BACKUP_DAMAGED', rulesBroken(table.name, broken));
    batch.push(values);
    batchBytes += values.reduce<number>((sum, value) => sum + valueBytes(value), 0);
    if (batch.length === BATCH_ROWS || batchBytes >= BATCH_BYTES) {
      await use(batch, batchBytes);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) await use(batch, batchBytes);
}

/**
 * One INSERT per batch of rows rather than one per row: fewer statements to run, and (in the
 * probe, and before the triggers were set aside) FTS5 flushed its pending index at the end of
 * every statement, which made single-row inserts 3.4 times as long.
 */
function batchInsert(target: Database.Database, table: UserDataTable): (rows: unknown[][]) => void {
  const statements = new Map<number, Database.Statement>();
  const row = `(${table.columns.map(() => '?').join(', ')})`;
  return (rows) => {
    let statement = statements.get(rows.length);
    if (statement === undefined) {
      statement = target.prepare(
        `INSERT INTO ${quoteName(table.name)} (${table.columns.join(', ')}) VALUES ${Array(rows.length).fill(row).join(', ')}`,
      );
      statements.set(rows.length, statement);
    }
    statement.run(rows.flat());
  };
}

function rulesBroken(table: string, detail: string): string {
  const what = describeTable(table);
  return (
    `The backup holds ${what} that break NoteVault's rules for ${what} (${detail}), so it cannot be used. ` +
    'Nothing was changed. Use another backup.'
  );
}

/** Rows NoteVault's schema refuses (a wrong type, a duplicate id, a missing value) mean a damaged backup. */
function breaksRules(cause: unknown, table: UserDataTable | undefined): unknown {
  const code = (cause as { code?: unknown }).code;
  if (table !== undefined && typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    return new NoteVaultError('BACKUP_DAMAGED', rulesBroken(table.name, (cause as Error).message), { cause });
  }
  return cause;
}
