import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
import { toNoteVaultError } from '../../fsx/fs-errors';
import { PRIVATE_DIR_MODE } from '../../fsx/private-modes';

/**
 * Opens the notes database at `file` (creating it and its folder when missing), runs
 * `work`, and always closes it: a handle left open keeps the -wal file around and, on
 * Windows, keeps the database locked for the app.
 */
export function withNotesDatabase<T>(file: string, work: (db: Database.Database) => T): T {
  const db = openCreating(file);
  let succeeded = false;
  try {
    const result = work(db);
    succeeded = true;
    return result;
  } finally {
    closeAfter(db, succeeded);
  }
}

/** withNotesDatabase for work that awaits (an import reading a file as it goes). */
export async function withNotesDatabaseAsync<T>(
  file: string,
  work: (db: Database.Database) => Promise<T>,
): Promise<T> {
  const db = openCreating(file);
  let succeeded = false;
  try {
    const result = await work(db);
    succeeded = true;
    return result;
  } finally {
    closeAfter(db, succeeded);
  }
}

function openCreating(file: string): Database.Database {
  const folder = path.dirname(file);
  try {
    // Folders it creates are private; an existing one is the user's and left as it is.
    fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  } catch (error) {
    throw toNoteVaultError(error, 'create the folder', folder);
  }
  return openNotesDatabase(file);
}

function closeAfter(db: Database.Database, succeeded: boolean): void {
  if (succeeded) {
    // A failed checkpoint on success is worth reporting: the data may not be complete on disk.
    closeNotesDatabase(db);
  } else {
    closeQuietly(db);
  }
}

/** On the way out with an error, a second error from closing would only hide the first. */
function closeQuietly(db: Database.Database): void {
  try {
    closeNotesDatabase(db);
  } catch {
    // closeNotesDatabase closes the handle even when its checkpoint fails.
  }
}
