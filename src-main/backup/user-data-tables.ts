import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { DERIVED_TABLES } from '../db/derived-tables';
import { REPLACED_NOTES_TABLE } from './replaced-notes';

/** A table whose rows a restore or a browse copies out of a backup, as NoteVault's schema has it. */
export interface UserDataTable {
  name: string;
  /** The columns NoteVault's schema gives it, quoted, in declaration order: only these are copied. */
  columns: string[];
}

/**
 * The tables that hold user data in `db`, a schema made by NoteVault's own migrations (never a
 * backup's): every ordinary table, without virtual tables (the full-text index) and their shadow
 * tables, and without the derived tables (derived-tables.ts: counts a backup could forge), which
 * a rebuild refills from the copied rows. Derived from the schema
 * itself, so a table a later migration adds is copied without anyone listing it. Parents come
 * before the tables that refer to them, so rows can be inserted with foreign keys on.
 */
export function userDataTables(db: Database.Database): UserDataTable[] {
  // sqlite_schema's rowid is creation order: the migrations create parents first, and the
  // sort below keeps that order wherever the references allow.
  const allNames = db
    .prepare(
      "SELECT s.name FROM sqlite_schema AS s JOIN pragma_table_list AS t ON t.name = s.name AND t.schema = 'main' " +
        "WHERE s.type = 'table' AND t.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY s.rowid",
    )
    .pluck()
    .all() as string[];
  // The restore's set-aside copy of the replaced notes (replaced-notes.ts) is its own scratch.
  const derived = new Set([...DERIVED_TABLES.map((table) => table.name), REPLACED_NOTES_TABLE]);
  const names = allNames.filter((name) => !derived.has(name));
  const known = new Set(names);
  const parentsOf = new Map(
    names.map((name) => {
      const parents = db
        .prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)')
        .pluck()
        .all(name) as string[];
      const outside = parents.filter((parent) => !known.has(parent));
      if (outside.length > 0) {
        throw schemaBug(
          `the table "${name}" refers to ${outside.map((p) => `"${p}"`).join(', ')}, which holds no user data`,
        );
      }
      return [name, parents.filter((parent) => parent !== name)];
    }),
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const next = names.find(
      (name) => !placed.has(name) && (parentsOf.get(name) ?? []).every((parent) => placed.has(parent)),
    );
    if (next === undefined) {
      const left = names.filter((name) => !placed.has(name));
      throw schemaBug(`the tables ${left.map((n) => `"${n}"`).join(', ')} refer to each other in a cycle`);
    }
    ordered.push(next);
    placed.add(next);
  }
  return ordered.map((name) => ({ name, columns: columnsOf(db, name) }));
}

/** What a table's rows are, for a person: "notes", "tags", "links between notes and tags". */
export function describeTable(name: string): string {
  return TABLE_WORDS[name] ?? `rows of the table "${name}"`;
}

const TABLE_WORDS: Readonly<Record<string, string>> = {
  notes: 'notes',
  tags: 'tags',
  note_tags: 'links between notes and tags',
  attachments: 'attachments',
  note_attachments: 'links between notes and attachments',
  note_versions: 'kept versions of notes',
};

export function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quoted column names of `table` in `db`, in declaration order (hidden columns excluded). */
export function columnsOf(db: Database.Database, table: string): string[] {
  return (
    db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').pluck().all(table) as string[]
  ).map(quoteName);
}

/**
 * NoteVault's own migrations made a schema a restore cannot copy: caught by the tests that
 * restore every table (rebuild-user-data.test.ts), never by a person.
 */
function schemaBug(what: string): NoteVaultError {
  return new NoteVaultError(
    'INTERNAL',
    `NoteVault's notes schema cannot be copied table by table, because ${what}. Nothing was changed. ` +
      'This is a bug in NoteVault; please report it.',
  );
}
