import type Database from 'better-sqlite3';
import { quoteName } from './user-data-tables';

/*
 * What a probe batch (assertUserDataFitsSchema) cannot see, because it holds a few rows at a
 * time: the rules that span a whole table, checked on the backup's rows with NoteVault's schema
 * (`probe`) saying what they are. Each failure is thrown like SQLite's own constraint errors,
 * so the caller words it like any other rule the backup breaks.
 */

/**
 * Every unique index and the primary key of `table` in `probe` (NoteVault's schema), checked on
 * the source with the collation NoteVault's index uses (tags are unique without regard to case).
 * NULLs never clash in a UNIQUE index, so rows with one are left out.
 */
export function assertUniqueAcrossTable(
  probe: Database.Database,
  source: Database.Database,
  table: string,
): void {
  for (const key of uniqueKeys(probe, table)) {
    const list = key.map(({ column, collation }) => `${column} COLLATE ${quoteName(collation)}`).join(', ');
    const present = key.map(({ column }) => `${column} IS NOT NULL`).join(' AND ');
    const twice = source
      .prepare(
        `SELECT 1 FROM ${quoteName(table)} WHERE ${present} GROUP BY ${list} HAVING count(*) > 1 LIMIT 1`,
      )
      .get();
    if (twice !== undefined) {
      throw constraintError(
        `UNIQUE constraint failed: ${key.map(({ column }) => `${table}.${column}`).join(', ')}`,
        'SQLITE_CONSTRAINT_UNIQUE',
      );
    }
  }
}

interface KeyColumn {
  column: string;
  collation: string;
}

/** Column lists (with collations) of every unique index and the primary key of `table` in `db`. */
function uniqueKeys(db: Database.Database, table: string): KeyColumn[][] {
  const indexed = (
    db.prepare(`SELECT name FROM pragma_index_list(?) WHERE "unique" = 1`).pluck().all(table) as string[]
  ).map((index) =>
    (
      db.prepare('SELECT name, coll FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index) as {
        name: string;
        coll: string;
      }[]
    ).map(({ name, coll }) => ({ column: quoteName(name), collation: coll })),
  );
  // An INTEGER PRIMARY KEY has no index of its own (it is the rowid); its values are integers.
  const primary = (
    db
      .prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk')
      .pluck()
      .all(table) as string[]
  ).map((name) => ({ column: quoteName(name), collation: 'BINARY' }));
  const covered = indexed.some((key) => sameColumns(key, primary));
  return primary.length > 0 && !covered ? [...indexed, primary] : indexed;
}

function sameColumns(a: KeyColumn[], b: KeyColumn[]): boolean {
  return a.length === b.length && a.every((column, i) => column.column === b[i]?.column);
}

/**
 * Every foreign key NoteVault's schema declares on `table`, checked across the source: a row
 * whose key columns are all set must find its parent row (a link to a note that is not there).
 */
export function assertParentsExist(probe: Database.Database, source: Database.Database, table: string): void {
  const references = probe
    .prepare('SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq')
    .all(table) as {
    id: number;
    table: string;
    from: string;
    to: string | null;
  }[];
  const byKey = new Map<number, typeof references>();
  for (const reference of references)
    byKey.set(reference.id, [...(byKey.get(reference.id) ?? []), reference]);
  for (const parts of byKey.values()) {
    const parent = parts[0]?.table ?? '';
    // `REFERENCES notes` without columns means the parent's primary key.
    const parentKey = parts.some((part) => part.to === null)
      ? (probe
          .prepare('SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk')
          .pluck()
          .all(parent) as string[])
      : parts.map((part) => part.to as string);
    const set = parts.map((part) => `c.${quoteName(part.from)} IS NOT NULL`).join(' AND ');
    const match = parts
      .map((part, i) => `p.${quoteName(parentKey[i] ?? '')} = c.${quoteName(part.from)}`)
      .join(' AND ');
    const orphan = source
      .prepare(
        `SELECT 1 FROM ${quoteName(table)} AS c WHERE ${set} AND NOT EXISTS ` +
          `(SELECT 1 FROM ${quoteName(parent)} AS p WHERE ${match}) LIMIT 1`,
      )
      .get();
    if (orphan !== undefined) {
      throw constraintError(
        `FOREIGN KEY constraint failed: ${parts.map((part) => `${table}.${part.from}`).join(', ')} refers to no ` +
          `row of ${parent}`,
        'SQLITE_CONSTRAINT_FOREIGNKEY',
      );
    }
  }
}

function constraintError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
