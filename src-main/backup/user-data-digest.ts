import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { CancelPace } from './cancel-pace';
import { quoteName } from './user-data-tables';

/** Rows and a digest of one table: equal digests mean the same rows, whatever their order. */
export interface TableDigest {
  rows: number;
  sha256: string;
}

const MODULUS = 1n << 256n;

/**
 * Adds rows one by one to a digest that does not depend on their order: the sum, modulo 2^256,
 * of each row's SHA-256. Order-free so that neither side of a copy has to be sorted: a sort of
 * the attachments table would hold every attachment's bytes in SQLite's sorter (in memory,
 * temp_store = MEMORY), and a backup's table may lack the index that gives NoteVault's order.
 * A sum (unlike XOR) still counts a row that appears twice. It proves a copy against NoteVault's
 * own mistakes, not against an adversary (who would control both sides of nothing here).
 */
export class RowDigest {
  private sum = 0n;
  private count = 0;

  add(row: readonly unknown[]): void {
    const hash = createHash('sha256');
    for (const value of row) updateWithValue(hash, value);
    this.sum = (this.sum + BigInt(`0x${hash.digest('hex')}`)) % MODULUS;
    this.count++;
  }

  result(): TableDigest {
    return { rows: this.count, sha256: this.sum.toString(16).padStart(64, '0') };
  }
}

/** The digest of `columns` (quoted names) of every row of `table` in `db`, read in one pass. */
export function tableDigest(db: Database.Database, table: string, columns: readonly string[]): TableDigest {
  const digest = new RowDigest();
  for (const row of rowsOf(db, table, columns)) digest.add(row);
  return digest.result();
}

/** tableDigest in a job that can be cancelled: a turn of the event loop at the pace's bounds. */
export async function tableDigestInSteps(
  db: Database.Database,
  table: string,
  columns: readonly string[],
  pace: CancelPace,
): Promise<TableDigest> {
  const digest = new RowDigest();
  for (const row of rowsOf(db, table, columns)) {
    digest.add(row);
    if (pace.due(row)) await pace.point();
  }
  return digest.result();
}

function rowsOf(
  db: Database.Database,
  table: string,
  columns: readonly string[],
): IterableIterator<unknown[]> {
  return db
    .prepare(`SELECT ${columns.join(', ')} FROM ${quoteName(table)}`)
    .raw()
    .iterate() as IterableIterator<unknown[]>;
}

/**
 * Each value with its type and length first, so no two rows encode alike (["ab", "c"] and
 * ["a", "bc"] differ), and a BLOB is hashed from its Buffer without a copy.
 */
function updateWithValue(hash: ReturnType<typeof createHash>, value: unknown): void {
  if (value === null) {
    hash.update('n;');
  } else if (typeof value === 'number' || typeof value === 'bigint') {
    hash.update(`i${String(value)};`);
  } else if (typeof value === 'string') {
    hash.update(`s${Buffer.byteLength(value)}:`);
    hash.update(value);
  } else if (Buffer.isBuffer(value)) {
    hash.update(`b${value.length}:`);
    hash.update(value);
  } else {
    throw new TypeError(`A database value of an unexpected kind: ${typeof value}`);
  }
}
