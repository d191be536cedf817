import type Database from 'better-sqlite3';
import { toNoteVaultError } from '../db/database-errors';
import { openLiveReadOnly } from './live-database';
import { manifestOf } from './manifest/backup-manifest';
import type { BackupManifest } from './manifest/backup-manifest';
import { checkNotesDatabase, openPlaintextDatabase } from './notes-database-checks';
import type { NotesDatabaseFacts } from './notes-database-checks';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';
import { wipeAndRelease } from './release-buffer';
import { SNAPSHOT_ADVICE } from './snapshot';

export interface MemorySnapshot extends NotesDatabaseFacts {
  /** The compacted database image; the caller wipes it (wipeAndRelease) when done. */
  bytes: Buffer;
  size: number;
  /** What the image holds, for the backup's metadata (restore drills compare with it). */
  manifest: BackupManifest;
}

/**
 * The in-memory twin of snapshotDatabase for databases that fit comfortably in memory: the
 * plaintext never reaches the disk, so there is nothing to wipe and no SSD or copy-on-write
 * caveat. `serialize()` copies every page inside one explicit read transaction (one
 * consistent moment, like VACUUM INTO); the copy is then opened as an in-memory database and
 * vacuumed there, which drops free pages that may still hold deleted notes and gives the same
 * compact, rollback-journal image VACUUM INTO would have written to a file.
 *
 * Memory: better-sqlite3 has no way to vacuum into memory or to read an image in pieces, so
 * the copies are made one after another and each is dropped as soon as the next exists: the
 * serialized image (SQLite copies it when opening it), VACUUM's rebuilt database (freed when
 * VACUUM ends) and the in-memory database (closed once serialized). At most two copies are
 * held at any moment, plus the first image until it is freed (wipeAndRelease explains when).
 */
export async function snapshotDatabaseToMemory(
  databasePath: string,
  controls: JobControls & { nativeBinding?: string } = {},
): Promise<MemorySnapshot> {
  throwIfCancelled(controls.signal, 'The backup');
  report(controls, 'snapshot', 0, 1);
  const image = serializeLive(databasePath, controls.nativeBinding);
  let copy: Database.Database;
  try {
    copy = openPlaintextDatabase(image, { nativeBinding: controls.nativeBinding });
  } catch (cause) {
    throw toNoteVaultError(cause, databasePath);
  } finally {
    // SQLite holds its own copy now (or failed to make one).
    wipeAndRelease(image);
  }

  let bytes: Buffer | undefined;
  try {
    // Node gives back memory allocated outside V8 (serialize() outside Electron) in a callback
    // it queues for the event loop's poll phase; two turns make sure one poll phase has run
    // before VACUUM needs room for its copy.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    throwIfCancelled(controls.signal, 'The backup');
    vacuumWithoutJournal(copy);
    const facts = checkNotesDatabase(copy, {
      label: `the snapshot of ${databasePath}`,
      advice: SNAPSHOT_ADVICE,
    });
    // Read from the vacuumed copy that is serialized next: exactly what gets encrypted.
    const manifest = manifestOf(copy);
    bytes = copy.serialize();
    // Closed before anything else runs: the image is all the rest of the backup needs.
    copy.close();
    report(controls, 'snapshot', 1, 1);
    return { ...facts, manifest, bytes, size: bytes.length };
  } catch (cause) {
    if (bytes !== undefined) wipeAndRelease(bytes);
    throw toNoteVaultError(cause, databasePath);
  } finally {
    if (copy.open) copy.close();
  }
}

/** Every page of the live database as of one moment, in a new Buffer. */
function serializeLive(databasePath: string, nativeBinding: string | undefined): Buffer {
  const live = openLiveReadOnly(databasePath, nativeBinding);
  try {
    live.exec('BEGIN');
    // A deferred transaction only takes its snapshot at the first read.
    live.prepare('SELECT count(*) FROM sqlite_schema').get();
    const image = live.serialize();
    live.exec('COMMIT');
    return image;
  } catch (cause) {
    throw toNoteVaultError(cause, databasePath);
  } finally {
    live.close();
  }
}

/**
 * VACUUM rebuilds the database into a temporary one (in memory: temp_store) and copies it
 * back over the original; the rollback journal SQLite keeps meanwhile holds every page it
 * overwrites, in memory too, so a third copy of the database. This in-memory copy is private
 * and thrown away if anything fails (a backup made from it is checked first), so there is
 * nothing to roll back to: the journal is switched off. better-sqlite3 opens connections in
 * SQLite's defensive mode, which refuses journal_mode=OFF, so that is lifted for this step
 * only. Exported for its test.
 */
export function vacuumWithoutJournal(db: Database.Database): void {
  db.unsafeMode(true);
  try {
    // Should SQLite ever keep the journal anyway, VACUUM still works, with the third copy.
    db.pragma('journal_mode = OFF');
    db.exec('VACUUM');
  } finally {
    db.unsafeMode(false);
  }
}
