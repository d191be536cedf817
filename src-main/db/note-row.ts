import type { Note } from '../../src-shared/notes';

/** A `notes` row as better-sqlite3 returns it. */
export interface NoteRow {
  id: string;
  title: string;
  body: string;
  pinned: number;
  created_at: number;
  updated_at: number;
  trashed_at: number | null;
}

/** The columns of NoteRow, for SELECT lists that must match it. */
export const NOTE_COLUMNS = 'id, title, body, pinned, created_at, updated_at, trashed_at';

export function rowToNote(row: NoteRow): Note {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashedAt: row.trashed_at,
  };
}
