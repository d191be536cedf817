import * as path from 'node:path';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { createPrivateFileSync } from '../fsx/private-modes';
import { toNoteVaultError } from './database-errors';
import { assertNoteVaultIdentity, readDatabaseIdentity } from './database-identity';
import { inspectDatabaseFile } from './inspect-database-file';
import type { InspectedFile } from './inspect-database-file';
import { applyMigrations } from './run-migrations';
import { LATEST_SCHEMA_VERSION } from './schema-constants';

export interface OpenNotesDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron vs plain Node). */
  nativeBinding?: string;
  /** Open without any write: no WAL switch, no migrations. */
  readonly?: boolean;
}

/** How long a statement waits for another connection's lock before failing with FILE_LOCKED. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating if needed) a NoteVault notes database and upgrades its schema.
 *
 * The file is inspected before any read-write open, so a foreign, non-SQLite or newer file
 * is refused byte-identical. A read-only open never migrates: it is meant for the backup
 * snapshot of the live database and for the backup browser, and it refuses any schema
 * other than the latest, because the repository's statements only fit that one. To read
 * an older database, open a copy of it read-write, which upgrades the copy. SQLite needs
 * the -wal and -shm files even to read a WAL-mode database and a read-only connection
 * cannot delete them afterwards, so they stay next to the file (empty) after a read-only
 * open of a closed database; whoever owns that folder removes them.
 */
export function openNotesDatabase(file: string, options: OpenNotesDatabaseOptions = {}): Database.Database {
  const absolute = path.resolve(file);
  const inspected = inspectDatabaseFile(absolute, options.nativeBinding);
  if (inspected.state === 'sqlite') assertNoteVaultIdentity(inspected.identity, absolute);
  return options.readonly
    ? openReadOnly(absolute, inspected, options.nativeBinding)
    : openReadWrite(absolute, options.nativeBinding);
}

/**
 * Checkpoints and closes. After this the -wal file is empty or gone and no handle on the
 * database remains, so the caller may copy, rename or delete it, which Windows refuses
 * while any handle is open. Closing an already closed database does nothing.
 */
export function closeNotesDatabase(db: Database.Database): void {
  if (!db.open) return;
  try {
    // TRUNCATE moves every WAL page into the main file and empties the -wal, so the main
    // file alone is complete even if another connection keeps the -wal alive.
    if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    throw toNoteVaultError(err, db.name);
  } finally {
    db.close();
  }
}

function openReadWrite(file: string, nativeBinding: string | undefined): Database.Database {
  // SQLite would create the file 0644; made 0600 first, and its -wal and -shm follow its mode.
  createPrivateFileSync(file);
  const db = connect(file, { nativeBinding });
  try {
    // Checked again through the connection: the file may have changed since inspection,
    // and nothing below may touch a file that is not ours.
    assertNoteVaultIdentity(readDatabaseIdentity(db), file);
    // WAL: readers (the backup snapshot, the UI) never block the writer and the writer
    // never blocks them, and a commit appends to the -wal instead of rewriting pages, so
    // autosave while typing costs few fsyncs. The lesson that comes with it: the data
    // lives in two or three files (-wal, -shm) until a checkpoint, so always close with
    // closeNotesDatabase() before copying, renaming or deleting the database.
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode syncs at checkpoints, not at every commit. A power cut can lose
    // the last moments of commits but cannot corrupt the database, which is the right
    // trade for a notes app that saves on every pause in typing.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    applyMigrations(db);
    return db;
  } catch (err) {
    db.close();
    throw toNoteVaultError(err, file);
  }
}

function openReadOnly(
  file: string,
  inspected: InspectedFile,
  nativeBinding: string | undefined,
): Database.Database {
  if (inspected.state === 'missing') {
    throw new NoteVaultError('IO', `${file} does not exist, so there is nothing to open read-only.`);
  }
  if (inspected.state === 'empty') {
    throw new NoteVaultError('DB_FOREIGN', `${file} is an empty file, not a NoteVault notes database.`);
  }
  const db = connect(file, { nativeBinding, readonly: true, fileMustExist: true });
  try {
    const identity = readDatabaseIdentity(db);
    assertNoteVaultIdentity(identity, file);
    if (identity.userVersion !== LATEST_SCHEMA_VERSION) {
      // Not something the user did: every caller of a read-only open either holds a
      // database the app already upgraded or should open a writable copy instead.
      throw new NoteVaultError(
        'INTERNAL',
        `${file} has notes schema version ${identity.userVersion} but a read-only open needs version ` +
          `${LATEST_SCHEMA_VERSION}. Open a writable copy of it so NoteVault can upgrade the copy.`,
      );
    }
    return db;
  } catch (err) {
    db.close();
    throw toNoteVaultError(err, file);
  }
}

function connect(file: string, options: Database.Options): Database.Database {
  try {
    return new Database(file, { ...options, timeout: BUSY_TIMEOUT_MS });
  } catch (err) {
    throw toNoteVaultError(err, file);
  }
}
