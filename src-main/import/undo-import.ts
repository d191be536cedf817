import type Database from 'better-sqlite3';
import { NotesRepository } from '../db/notes-repository';

/**
 * Takes an import back in one step: moves the notes it added (ImportReport.noteIds) to the
 * trash, in one transaction. An import only ever adds notes, so this is all of it; the trash
 * keeps them until it is emptied, so the undo can itself be undone note by note. Notes already
 * deleted for good since are passed over. Returns how many notes it moved.
 */
export function undoImport(db: Database.Database, noteIds: readonly string[]): number {
  const repository = new NotesRepository(db);
  const exists = db
    .prepare<[string], number>('SELECT 1 FROM notes WHERE id = ? AND trashed_at IS NULL')
    .pluck();
  return db.transaction(() => {
    let moved = 0;
    for (const id of noteIds) {
      if (exists.get(id) === undefined) continue;
      repository.trash(id);
      moved += 1;
    }
    return moved;
  })();
}
