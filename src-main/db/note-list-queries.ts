import type Database from 'better-sqlite3';
import type { NoteSortField, SortDirection } from '../../src-shared/notes';
import { NOTE_COLUMNS } from './note-row';
import type { NoteRow } from './note-row';

export interface PageParams {
  limit: number;
  offset: number;
}

export type ListStatement = Database.Statement<[PageParams], NoteRow>;

const ORDER_COLUMNS: Record<NoteSortField, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  title: 'title COLLATE NOCASE',
};
const DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

/**
 * ORDER BY cannot take bound parameters, so every live/trash × sort × direction query is
 * prepared once up front (12 statements) and picked by key; no SQL is built per call.
 */
export function prepareListStatements(
  db: Database.Database,
): (trashed: boolean, sort: NoteSortField, direction: SortDirection) => ListStatement {
  const statements = new Map<string, ListStatement>();
  for (const trashed of [false, true]) {
    for (const sort of Object.keys(ORDER_COLUMNS) as NoteSortField[]) {
      for (const direction of DIRECTIONS) {
        statements.set(key(trashed, sort, direction), db.prepare(listSql(trashed, sort, direction)));
      }
    }
  }
  return (trashed, sort, direction) => {
    const statement = statements.get(key(trashed, sort, direction));
    if (statement === undefined) throw new Error(`No list query for ${sort} ${direction}`);
    return statement;
  };
}

function key(trashed: boolean, sort: NoteSortField, direction: SortDirection): string {
  return `${trashed}:${sort}:${direction}`;
}

/** Live or trashed: one condition for a page and for its total, so the two always agree. */
function viewWhere(trashed: boolean): string {
  return trashed ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL';
}

/**
 * How many notes a view holds. Every list page carries it, so it must stay cheap: the
 * condition is on the leading column of the list indexes, which SQLite counts without
 * reading a single note (a covering index search).
 */
export function countSql(trashed: boolean): string {
  return `SELECT count(*) FROM notes WHERE ${viewWhere(trashed)}`;
}

function listSql(trashed: boolean, sort: NoteSortField, direction: SortDirection): string {
  // seq breaks ties so paging through equal timestamps or titles never repeats or skips a note.
  return `SELECT ${NOTE_COLUMNS} FROM notes WHERE ${viewWhere(trashed)}
          ORDER BY pinned DESC, ${ORDER_COLUMNS[sort]} ${direction}, seq ${direction}
          LIMIT @limit OFFSET @offset`;
}
