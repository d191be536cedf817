import type Database from 'better-sqlite3';
import type { NoteSortField, SortDirection } from '../../src-shared/notes';
import { NOTE_COLUMNS } from './note-row';
import type { NoteRow } from './note-row';

export interface PageParams {
  limit: number;
  offset: number;
  /** The tag filter as a JSON array of names; only the tagged statements read it. */
  tags?: string;
}

export type ListStatement = Database.Statement<[PageParams], NoteRow>;

const ORDER_COLUMNS: Record<NoteSortField, string> = {
  updatedAt: 'updated_at',
  createdAt: 'created_at',
  title: 'title COLLATE NOCASE',
};
const DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

/**
 * ORDER BY cannot take bound parameters, so every live/trash × sort × direction × tag-filtered
 * query is prepared once up front (24 statements) and picked by key; no SQL is built per call.
 * The tag filter's names are one bound JSON array, so any number of tags uses one statement.
 */
export function prepareListStatements(
  db: Database.Database,
): (trashed: boolean, sort: NoteSortField, direction: SortDirection, tagged?: boolean) => ListStatement {
  const statements = new Map<string, ListStatement>();
  for (const trashed of [false, true]) {
    for (const tagged of [false, true]) {
      for (const sort of Object.keys(ORDER_COLUMNS) as NoteSortField[]) {
        for (const direction of DIRECTIONS) {
          statements.set(
            key(trashed, sort, direction, tagged),
            db.prepare(listSql(trashed, sort, direction, tagged)),
          );
        }
      }
    }
  }
  return (trashed, sort, direction, tagged = false) => {
    const statement = statements.get(key(trashed, sort, direction, tagged));
    if (statement === undefined) throw new Error(`No list query for ${sort} ${direction}`);
    return statement;
  };
}

function key(trashed: boolean, sort: NoteSortField, direction: SortDirection, tagged: boolean): string {
  return `${trashed}:${sort}:${direction}:${tagged}`;
}

/**
 * The condition that `column` (a note's seq) passes the tag filter; the list and search share it.
 * A note passes the tag filter when it carries every tag of @tags (a JSON array of names), a tag
 * counting as carried when the note has it or a tag nested under it ("work" is on a note tagged
 * "work/x"). Compared without regard to A-Z case, as the tags table's NOCASE and tag-rules.ts's
 * tagKey do; substr and length count characters, so "work/" is a whole segment.
 * The wanted names pick their tags, the tags their notes through note_tags_by_tag, and a note
 * is kept when every wanted name (by its position in the array) found it. CROSS JOIN fixes that
 * order: left to itself SQLite scanned all of note_tags, and counting a 100,000-note view took
 * ~350 ms instead of ~15-60 ms.
 */
export function tagFilterSql(column: string): string {
  return `${column} IN (
    SELECT nt.note_seq
    FROM json_each(@tags) AS wanted
    CROSS JOIN tags AS t
    CROSS JOIN note_tags AS nt
    WHERE (t.name = wanted.value COLLATE NOCASE
           OR substr(t.name, 1, length(wanted.value) + 1) = wanted.value || '/' COLLATE NOCASE)
      AND nt.tag_seq = t.seq
    GROUP BY nt.note_seq
    HAVING count(DISTINCT wanted.key) = json_array_length(@tags))`;
}
const TAG_FILTER = tagFilterSql('seq');

/** Live or trashed: one condition for a page and for its total, so the two always agree. */
function viewWhere(trashed: boolean, tagged = false): string {
  const view = trashed ? 'trashed_at IS NOT NULL' : 'trashed_at IS NULL';
  return tagged ? `${view} AND ${TAG_FILTER}` : view;
}

/**
 * How many notes a view holds. Every list page carries it, so it must stay cheap: the
 * condition is on the leading column of the list indexes, which SQLite counts without
 * reading a single note (a covering index search).
 */
export function countSql(trashed: boolean, tagged = false): string {
  return `SELECT count(*) FROM notes WHERE ${viewWhere(trashed, tagged)}`;
}

function listSql(trashed: boolean, sort: NoteSortField, direction: SortDirection, tagged: boolean): string {
  // seq breaks ties so paging through equal timestamps or titles never repeats or skips a note.
  return `SELECT ${NOTE_COLUMNS} FROM notes WHERE ${viewWhere(trashed, tagged)}
          ORDER BY pinned DESC, ${ORDER_COLUMNS[sort]} ${direction}, seq ${direction}
          LIMIT @limit OFFSET @offset`;
}
