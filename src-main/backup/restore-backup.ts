import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { retryingFs } from '../fsx/retry';
import { runWithCleanup } from './cleanup';
import { createBackup } from './create-backup';
import { openDecryptedBackup } from './decrypt-backup';
import { readMetadata } from './format/decrypt-stream';
import { inspectHeader } from './format/header';
import type { BackupMetadata } from './format/metadata';
import { fitsInMemory } from './limits';
import { findLiveDatabase } from './live-database';
import { forgetKey, resolveKey } from './passkey-or-key';
import type { KeySource, ResolvedKey } from './passkey-or-key';
import type { JobControls } from './progress';
import { report, throwIfCancelled } from './progress';
import { replaceDatabaseContent } from './replace-database';
import { assertSpaceFor, encryptedSizeBound, plaintextSizeBound } from './space-check';

export interface RestoreBackupRequest {
  file: string;
  databasePath: string;
  keySource: KeySource;
  /** Where the before-restore safety backup of the current notes goes; created if missing. */
  safetyBackupFolder: string;
  appVersion: string;
  /** Parent of the temp folder for a safety snapshot too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
}

export interface RestoreControls extends JobControls {
  /**
   * Called once the backup has passed every check and before anything is written: the app
   * closes its connection (checkpointing the WAL). From then on the app must reopen the
   * database when the job ends, whether it succeeded or failed. The CLI passes nothing.
   */
  releaseLiveDatabase?: () => Promise<void>;
}

export interface RestoreBackupResult {
  metadata: BackupMetadata;
  restoredNotes: number;
  /** The before-restore backup of the notes that were replaced; null when there were none. */
  safetyBackup: string | null;
}

/**
 * Restores a backup over the live database without ever losing data: every check runs
 * before anything changes; the current notes are first saved as an encrypted, verified
 * before-restore backup; then SQLite's backup API replaces the content atomically.
 * See docs/backup-pipeline.md.
 */
export async function restoreBackup(
  request: RestoreBackupRequest,
  controls: RestoreControls = {},
): Promise<RestoreBackupResult> {
  const { file, databasePath } = request;
  throwIfCancelled(controls, 'The restore');
  const header = await inspectHeader(file);
  const resolved = await resolveKey(request.keySource, header.kdf, controls);
  try {
    return await runWithCleanup(
      async (cleanup) => {
        report(controls, 'checking-space', 0, 1);
        const { metadata } = await readMetadata(file, resolved.key);
        const live = await findLiveDatabase(databasePath, controls.fileLayer ?? {}, request.nativeBinding);
        await checkRestoreSpace(request, metadata.plaintextSize, live?.bytesOnDisk ?? 0, controls);
        report(controls, 'checking-space', 1, 1);
        throwIfCancelled(controls, 'The restore');

        const decrypted = await openDecryptedBackup(
          {
            file,
            key: resolved.key,
            metadata,
            // Next to the live database: same volume, and swept with its folder after a crash.
            tempParent: dirname(databasePath),
            purpose: 'restore',
            inMemoryLimit: request.inMemoryLimit,
            nativeBinding: request.nativeBinding,
          },
          controls,
          cleanup,
        );
        throwIfCancelled(controls, 'The restore');

        // Released before the safety backup, not after: edits made between the two would
        // otherwise be in neither the safety backup nor the restored database.
        await controls.releaseLiveDatabase?.();
        const safetyBackup = live === null ? null : await makeSafetyBackup(request, resolved, controls);
        throwIfCancelled(controls, 'The restore');

        await replaceDatabaseContent(decrypted.db, databasePath, {
          ...controls,
          nativeBinding: request.nativeBinding,
        });
        // The new content is committed: from here on there is nothing to cancel.
        report(controls, 'finishing', 0, 1);
        const restoredNotes = openAndCount(databasePath, request.nativeBinding);
        if (restoredNotes !== metadata.noteCount) {
          throw new NoteVaultError(
            'INTERNAL',
            `The restored database ${databasePath} holds ${restoredNotes} notes instead of the backup's ` +
              `${metadata.noteCount}. The notes from before are in ${safetyBackup ?? 'no safety backup'}.`,
          );
        }
        report(controls, 'finishing', 1, 1);
        return { metadata, restoredNotes, safetyBackup };
      },
      (result) => `The backup was restored (${result.restoredNotes} notes), but`,
    );
  } finally {
    forgetKey(resolved);
  }
}

async function checkRestoreSpace(
  request: RestoreBackupRequest,
  plaintextSize: number,
  liveSize: number,
  controls: JobControls,
): Promise<void> {
  const databaseFolder = dirname(request.databasePath);
  const decryptedInMemory = fitsInMemory(plaintextSize, request.inMemoryLimit);
  const liveInMemory = fitsInMemory(liveSize, request.inMemoryLimit);
  await assertSpaceFor(
    [
      {
        folder: databaseFolder,
        bytes: decryptedInMemory ? 0 : plaintextSizeBound(plaintextSize),
        what: 'the decrypted backup',
      },
      {
        // The WAL (or the rollback journal) holds a full copy of one side until the commit.
        folder: databaseFolder,
        bytes: plaintextSizeBound(Math.max(plaintextSize, liveSize)),
        what: 'the restored notes database',
      },
      {
        folder: request.safetyBackupFolder,
        bytes: liveSize === 0 ? 0 : encryptedSizeBound(liveSize),
        what: 'the safety backup of your current notes',
      },
      {
        folder: request.tempParent ?? tmpdir(),
        bytes: liveSize === 0 || liveInMemory ? 0 : plaintextSizeBound(liveSize),
        what: 'the temporary copy of your current notes',
      },
    ],
    controls.fileLayer,
  );
}

/** Encrypted with the restored backup's key and salt: same passkey, no second Argon2id run. */
async function makeSafetyBackup(
  request: RestoreBackupRequest,
  resolved: ResolvedKey,
  controls: JobControls,
): Promise<string> {
  await retryingFs(controls.fileLayer?.fs, controls.fileLayer?.retry).mkdir(request.safetyBackupFolder, {
    recursive: true,
  });
  try {
    const made = await createBackup(
      {
        databasePath: request.databasePath,
        destination: request.safetyBackupFolder,
        keySource: { key: resolved.key, kdf: resolved.kdf },
        kind: 'before-restore',
        appVersion: request.appVersion,
        tempParent: request.tempParent,
        inMemoryLimit: request.inMemoryLimit,
        nativeBinding: request.nativeBinding,
      },
      {
        signal: controls.signal,
        fileLayer: controls.fileLayer,
        onProgress: (p) => report(controls, 'safety-backup', p.bytesDone, p.bytesTotal),
      },
    );
    return made.file;
  } catch (error) {
    if (!(error instanceof NoteVaultError) || error.code === 'CANCELLED') throw error;
    throw new NoteVaultError(
      error.code,
      `The restore was stopped before changing anything, because the safety backup of your current notes ` +
        `failed: ${error.message}`,
      { cause: error },
    );
  }
}

/** Opens the restored database the way the app will (upgrading an older schema) and counts. */
function openAndCount(databasePath: string, nativeBinding?: string): number {
  const db = openNotesDatabase(databasePath, { nativeBinding });
  try {
    return db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
  } finally {
    closeNotesDatabase(db);
  }
}
