import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../db/database-errors';
import { assertNoteVaultIdentity, readDatabaseIdentity } from '../db/database-identity';
import { inspectDatabaseFile } from '../db/inspect-database-file';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists } from '../fsx/retry';
import { limitPageCache } from './page-cache';

/** The live notes database as the pipeline sees it before touching anything. */
export interface LiveDatabase {
  path: string;
  /** Main file plus its -wal: what a snapshot or a safety backup may have to hold. */
  bytesOnDisk: number;
  /** The main file alone: the room a restore can reuse before the file grows. */
  mainBytes: number;
}

/**
 * Finds the live database and refuses a file that is not NoteVault's, reading only its header
 * (no connection, so nothing is created next to it). Returns null when there is no database
 * at all (a new machine) or only an empty file or database, which holds nothing to keep.
 */
export async function findLiveDatabase(
  path: string,
  layer: FileLayerOptions,
  nativeBinding?: string,
): Promise<LiveDatabase | null> {
  const inspected = inspectDatabaseFile(path, nativeBinding);
  if (inspected.state !== 'sqlite') return null;
  assertNoteVaultIdentity(inspected.identity, path);
  // A brand-new file without any tables (NoteVault never got to create them) holds nothing.
  if (inspected.identity.schemaIsEmpty) return null;
  const main = await lstatIfExists(path, layer);
  const wal = await lstatIfExists(`${path}-wal`, layer);
  const mainBytes = main?.size ?? 0;
  return { path, bytesOnDisk: mainBytes + (wal?.size ?? 0), mainBytes };
}

/**
 * A read-only connection to the live database for taking a snapshot. It never blocks the app:
 * in WAL mode readers and the writer proceed side by side, and whatever the app commits
 * meanwhile is simply not part of this snapshot. The identity is checked again through the
 * connection because pages still in the -wal may differ from the header read earlier.
 */
export function openLiveReadOnly(path: string, nativeBinding?: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000, nativeBinding });
  } catch (cause) {
    throw toNoteVaultError(cause, path);
  }
  try {
    db.pragma('temp_store = MEMORY');
    limitPageCache(db);
    const identity = readDatabaseIdentity(db);
    assertNoteVaultIdentity(identity, path);
    if (identity.schemaIsEmpty) {
      throw new NoteVaultError(
        'DB_FOREIGN',
        `${path} is an empty SQLite database without any notes tables, so there is nothing to back up.`,
      );
    }
    return db;
  } catch (cause) {
    db.close();
    throw toNoteVaultError(cause, path);
  }
}

/** The error for a backup asked of a database that does not exist. */
export function noDatabaseError(path: string): NoteVaultError {
  return new NoteVaultError(
    'IO',
    `There is no notes database at ${path} to back up (the file is missing or empty). Check the path; NoteVault creates the database the first time it starts.`,
  );
}
