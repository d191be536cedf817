import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { PACE_BYTES, PACE_ROWS } from './cancel-pace';
import type { CancelPace } from './cancel-pace';
import { quoteName } from './user-data-tables';

/** A trigger of NoteVault's own schema, set aside while a rebuild copies rows. */
export interface SetAsideTrigger {
  name: string;
  sql: string;
}

/**
 * Drops the triggers of `db` (a schema NoteVault's migrations just made, never a backup's) and
 * returns them to be created again by restoreTriggers. While a rebuild copies rows they must not
 * run: every ordinary table is copied as it is, so a trigger that keeps one table in step with
 * another would apply its change a second time, and the ones that keep the full-text index in
 * step (on every note and every tag link, 006) made copying a link cost two index updates of its
 * note. The index is refilled once instead (refillSearchIndexes).
 */
export function setAsideTriggers(db: Database.Database): SetAsideTrigger[] {
  const triggers = db
    .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid")
    .all() as SetAsideTrigger[];
  for (const { name } of triggers) db.exec(`DROP TRIGGER ${quoteName(name)}`);
  return triggers;
}

export function restoreTriggers(db: Database.Database, triggers: readonly SetAsideTrigger[]): void {
  for (const { sql } of triggers) db.exec(sql);
}

/**
 * Refills every virtual table of `db` from the rows it indexes: the full-text index reads its
 * text from a table or view of NoteVault's (FTS5 external content), so it is emptied and given
 * every row of that content again, which is what FTS5's own 'rebuild' does, but in batches of
 * the pace's bounds (PACE_ROWS rows or PACE_BYTES bytes of text), each followed by a cancellation
 * point: one 'rebuild' of a large database is a single statement of seconds that no Cancel can
 * interrupt. A virtual table that keeps its own content (its rows would be user data a rebuild
 * never copies) or is not FTS5 cannot be refilled: that fails loudly, for whoever adds one in a
 * migration, before any person meets it.
 */
export async function refillSearchIndexes(db: Database.Database, pace: CancelPace): Promise<void> {
  const virtual = db
    .prepare(
      "SELECT s.name, s.sql FROM sqlite_schema AS s JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main' " +
        "WHERE t.type = 'virtual' ORDER BY s.rowid",
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of virtual) {
    // content = 'notes', content = "notes" or content = notes; content = '' is contentless.
    const content = /\busing\s+fts5\s*\(/i.test(sql) ? optionOf(sql, 'content') : undefined;
    if (content === undefined) {
      throw new NoteVaultError(
        'INTERNAL',
        `NoteVault's notes schema has the virtual table "${name}", which a restore cannot refill from the ` +
          'copied rows (only FTS5 indexes with external content can be). Nothing was changed. This is a bug ' +
          'in NoteVault; please report it.',
      );
    }
    await refillInBatches(db, name, content, optionOf(sql, 'content_rowid') ?? 'rowid', pace);
  }
}

/** The value of an FTS5 option (`content = 'notes'`, "notes" or notes), unquoted; undefined if absent or ''. */
function optionOf(sql: string, option: string): string | undefined {
  const found = new RegExp(`[(,]\\s*${option}\\s*=\\s*('[^']+'|"[^"]+"|[A-Za-z_]\\w*)`, 'i').exec(sql);
  const value = found?.[1];
  return value === undefined ? undefined : value.replace(/^['"]|['"]$/g, '');
}

async function refillInBatches(
  db: Database.Database,
  index: string,
  content: string,
  rowid: string,
  pace: CancelPace,
): Promise<void> {
  const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(index) as string[]).map(
    quoteName,
  );
  const id = quoteName(rowid);
  const from = quoteName(content);
  const bytes = columns.map((column) => `coalesce(octet_length(${column}), 0)`).join(' + ');
  // Sizes only (octet_length reads no text): the batch ends where its text passes PACE_BYTES.
  // FTS5 writes out its pending terms at the end of each statement, so smaller batches cost more:
  // 1 MiB batches took 28-38 % longer than one 'rebuild' on a 164 MB database, 4 MiB ones 4-34 %
  // (noisy, load 12), with at most 0.36-0.54 s between two looks at the event loop there.
  const sizes = db
    .prepare(`SELECT ${id}, ${bytes} FROM ${from} WHERE ${id} > ? ORDER BY ${id} LIMIT ${PACE_ROWS}`)
    .raw();
  const insert = db.prepare(
    `INSERT INTO ${quoteName(index)} (rowid, ${columns.join(', ')}) ` +
      `SELECT ${id}, ${columns.join(', ')} FROM ${from} WHERE ${id} > ? AND ${id} <= ?`,
  );
  db.prepare(`INSERT INTO ${quoteName(index)} (${quoteName(index)}) VALUES ('delete-all')`).run();
  let after: number | bigint = -(2n ** 63n);
  for (;;) {
    const next = sizes.all(after) as [number, number][];
    if (next.length === 0) return;
    let last = next[next.length - 1]![0];
    let total = 0;
    for (const [each, size] of next) {
      total += size;
      if (total >= PACE_BYTES) {
        last = each;
        break;
      }
    }
    insert.run(after, last);
    after = last;
    await pace.point();
  }
}
