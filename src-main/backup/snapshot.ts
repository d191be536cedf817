import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { dirname } from 'node:path';
import { isDiskFull, toNoteVaultError } from '../db/database-errors';
import { availableBytes } from '../fsx/free-space';
import { nodeFileSystem } from '../fsx/fs-seam';
import { syncHandle, useThenClose } from '../fsx/handle-io';
import type { RetryOptions } from '../fsx/retry';
import { retryingFs } from '../fsx/retry';
import { openLiveReadOnly } from './live-database';
import { manifestOf } from './manifest/backup-manifest';
import type { BackupManifest } from './manifest/backup-manifest';
import { checkNotesDatabase, openPlaintextDatabase } from './notes-database-checks';
import type { NotesDatabaseFacts } from './notes-database-checks';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';

export interface SnapshotFacts extends NotesDatabaseFacts {
  /** Bytes of the snapshot: what will be encrypted. */
  size: number;
  /** What the snapshot holds, for the backup's metadata (restore drills compare with it). */
  manifest: BackupManifest;
}

export type SnapshotControls = JobControls & {
  nativeBinding?: string;
  /** Room the copy needs, as the up-front space check counted it: named if the drive fills up. */
  neededBytes?: number;
};

export const SNAPSHOT_ADVICE =
  'No backup was made: the notes database itself may be damaged. Restore an earlier backup or contact support.';

/**
 * Takes a point-in-time copy of the live database into `targetPath` (inside a private temp
 * folder the caller owns and wipes). `VACUUM INTO` runs in a single read transaction, so
 * the copy is one consistent moment even while the app keeps writing; it is also compacted,
 * so pages that still held deleted notes are not carried into the backup.
 *
 * VACUUM INTO leaves the copy in rollback-journal mode (checked below, so no -wal/-shm can
 * appear beside it) but does not fsync it, so that is done here, and a failing fsync fails
 * the backup: encrypting a copy the disk never confirmed would defeat the read-back check.
 */
export async function snapshotDatabase(
  databasePath: string,
  targetPath: string,
  controls: SnapshotControls = {},
): Promise<SnapshotFacts> {
  throwIfCancelled(controls.signal, 'The backup');
  report(controls, 'snapshot', 0, 1);
  const live = openLiveReadOnly(databasePath, controls.nativeBinding);
  let failure: unknown;
  try {
    live.prepare('VACUUM INTO ?').run(targetPath);
  } catch (cause) {
    failure = cause;
  } finally {
    live.close();
  }
  if (failure !== undefined) {
    // VACUUM INTO only reads the live database; the one file it writes is the copy (with its
    // journal beside it), so running out of room means the copy's drive, not the database's.
    // The copy's folder is a private one made for this job: its parent is the temp folder a
    // person knows (and may choose elsewhere).
    const written = {
      file: targetPath,
      what: 'the temporary copy of your notes',
      folder: dirname(dirname(targetPath)),
    };
    const room = isDiskFull(failure) ? await roomFor(targetPath, controls) : {};
    throw toNoteVaultError(failure, databasePath, { ...written, ...room });
  }

  let facts: NotesDatabaseFacts;
  let manifest: BackupManifest;
  const snapshot = openPlaintextDatabase(targetPath, { nativeBinding: controls.nativeBinding });
  try {
    assertRollbackJournal(snapshot, targetPath);
    facts = checkNotesDatabase(snapshot, {
      label: `the snapshot of ${databasePath}`,
      advice: SNAPSHOT_ADVICE,
    });
    // Read while the checked copy is open anyway: what is encrypted is exactly what it describes.
    manifest = manifestOf(snapshot);
  } finally {
    snapshot.close();
  }

  const fs = controls.fileLayer?.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...controls.fileLayer?.retry };
  const io = retryingFs(fs, retry);
  // 'r+' because Windows' FlushFileBuffers needs a handle with write access.
  const handle = await io.open(targetPath, 'r+');
  const size = await useThenClose(handle, targetPath, retry, async (h) => {
    await syncHandle(h, targetPath, retry);
    return (await h.stat()).size;
  });
  report(controls, 'snapshot', 1, 1);
  return { ...facts, size, manifest };
}

/** The figures for a disk-full message about `targetPath`; whatever cannot be measured is left out. */
async function roomFor(
  targetPath: string,
  controls: SnapshotControls,
): Promise<{ neededBytes?: number; availableBytes?: number }> {
  const fs = controls.fileLayer?.fs ?? nodeFileSystem;
  const available = await availableBytes(dirname(targetPath), fs).catch(() => undefined);
  return {
    ...(controls.neededBytes === undefined ? {} : { neededBytes: controls.neededBytes }),
    ...(available === undefined ? {} : { availableBytes: available }),
  };
}

function assertRollbackJournal(db: Database.Database, path: string): void {
  const mode = db.pragma('journal_mode = DELETE', { simple: true });
  if (mode !== 'delete') {
    throw new NoteVaultError(
      'INTERNAL',
      `The snapshot ${path} stayed in journal mode "${String(mode)}" instead of "delete".`,
    );
  }
}
