import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { closeNotesDatabase, openNotesDatabase } from '../../../src-main/db/open-database';
import { NotesRepository } from '../../../src-main/db/notes-repository';

/** A real notes database in its own temporary folder, for tests of the IPC layer and e2e. */
export interface TempNotesDatabase {
  folder: string;
  file: string;
  db: Database.Database;
  notes: NotesRepository;
  /** Closes the database (checkpointing the WAL) and deletes the folder. Safe to call twice. */
  dispose(): void;
}

export function createTempNotesDatabase(prefix = 'notevault-ipc-'): TempNotesDatabase {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const file = join(folder, 'notes.db');
  try {
    const db = openNotesDatabase(file);
    return {
      folder,
      file,
      db,
      notes: new NotesRepository(db),
      dispose() {
        try {
          closeNotesDatabase(db);
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}
