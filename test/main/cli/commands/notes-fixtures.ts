import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NewNote, Note } from '../../../../src-shared/notes';
import { closeNotesDatabase, openNotesDatabase } from '../../../../src-main/db/open-database';
import { NotesRepository } from '../../../../src-main/db/notes-repository';

/** Test helpers that go through the real database layer. */

export function createNotes(
  dbPath: string,
  notes: readonly NewNote[],
  trashed: readonly NewNote[] = [],
): void {
  fs.mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = openNotesDatabase(dbPath);
  try {
    const repository = new NotesRepository(db);
    db.transaction(() => {
      for (const note of notes) repository.create(note);
      for (const note of trashed) repository.trash(repository.create(note).id);
    })();
  } finally {
    closeNotesDatabase(db);
  }
}

/** Every live note, oldest first. */
export function readAllNotes(dbPath: string): Note[] {
  const db = openNotesDatabase(dbPath);
  try {
    const repository = new NotesRepository(db);
    const notes: Note[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = repository.list({ sort: 'createdAt', direction: 'asc', limit: 500, offset });
      notes.push(...page.items);
      if (notes.length >= page.total) return notes;
    }
  } finally {
    closeNotesDatabase(db);
  }
}

export function dbIn(folder: string, name = 'notes.db'): string {
  return path.join(folder, name);
}
