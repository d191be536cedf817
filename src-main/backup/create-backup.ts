import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem } from '../fsx/fs-seam';
import { publishFile } from '../fsx/atomic-publish';
import { createPrivateTempDir } from '../fsx/private-temp';
import type { FileLayerOptions, RetryOptions } from '../fsx/retry';
import { unlinkIfExists } from '../fsx/retry';
import { secureWipeDirectory } from '../fsx/secure-wipe';
import { destinationFolder, reserveBackupTarget } from './backup-target';
import { runWithCleanup } from './cleanup';
import { encryptBytesToFile } from './encrypt-bytes';
import { encryptFileToFile } from './format/encrypt-stream';
import type { EncryptResult, WriteKeys } from './format/encrypt-stream';
import type { KdfParams } from './format/kdf';
import type { BackupKind, BackupMetadata, BackupMetadataInput } from './format/metadata';
import { fitsInMemory } from './limits';
import { findLiveDatabase, noDatabaseError } from './live-database';
import { snapshotDatabaseToMemory } from './memory-snapshot';
import type { BackupManifest } from './manifest/backup-manifest';
import type { NotesDatabaseFacts } from './notes-database-checks';
import { newFileKey } from './format/v2/way-in-keys';
import { passkeyPublic, recipientsFor } from './write-keys';
import type { OtherWaysIn, PasskeyForWriting } from './write-keys';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { report } from './progress';
import { readBackWrittenBackup } from './read-back';
import { wipeAndRelease } from './release-buffer';
import { snapshotDatabase } from './snapshot';
import { sweepBeforeBackup } from './startup-sweep';
import { assertSpaceFor, encryptedSizeBound, plaintextSizeBound } from './space-check';

export interface CreateBackupRequest {
  databasePath: string;
  /** An existing folder (the file name is generated) or a full path ending in .nvbak. */
  destination: string;
  /** The passkey slot: the passkey (derived here), a key derived beforehand, or its public key alone. */
  keySource: PasskeyForWriting;
  /** The other ways in to give slots: the recovery code's and (scheduled backups) this device's public key. */
  alsoOpenWith?: OtherWaysIn | undefined;
  kind: BackupKind;
  appVersion: string;
  /** Parent of the private temp folder for a snapshot too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  chunkSize?: number;
  now?: () => Date;
  /** Databases (file + -wal) up to this many bytes are snapshotted in memory. Default IN_MEMORY_LIMIT. */
  inMemoryLimit?: number;
  /** better-sqlite3 addon for the running runtime (Electron); plain Node needs none. */
  nativeBinding?: string;
}

export interface CreateBackupResult {
  file: string;
  size: number;
  metadata: BackupMetadata;
  /** Every new backup is format version 2. */
  formatVersion: 2;
  /** The passkey slot's settings (salt and costs). */
  kdf: KdfParams;
  /** The passkey's public key: backup-keys.json keeps it with `kdf` after a first backup. */
  passkeyPublicKey: Uint8Array;
  /**
   * SHA-256 (lowercase hex) of the whole encrypted file as written and read back, taken during
   * the read-back's own read: the catalogue keeps it, and a restore drill compares the file with it.
   */
  fileSha256: string;
}

/**
 * Snapshot, encrypt into a partial named for this process, read back and check, then publish
 * under the final name (never replacing a file). Whatever happens, the plaintext snapshot is
 * wiped and the partial removed before this returns, so a backup file with its final name is
 * always complete and checked. See docs/backup-pipeline.md.
 */
export async function createBackup(
  request: CreateBackupRequest,
  controls: JobControls = {},
): Promise<CreateBackupResult> {
  const layer = layerOf(controls.fileLayer);
  const { databasePath, nativeBinding } = request;
  throwIfCancelled(controls.signal, 'The backup');
  report(controls, 'checking-space', 0, 1);
  const live = await findLiveDatabase(databasePath, layer, nativeBinding);
  if (live === null) throw noDatabaseError(databasePath);
  const inMemory = fitsInMemory(live.bytesOnDisk, request.inMemoryLimit);
  const tempParent = request.tempParent ?? tmpdir();
  // Not for a restore's safety backup: the live database is write-locked then, and the
  // restore's caller has swept already (other writers must not wait on a secure wipe).
  if (request.kind !== 'before-restore') {
    await sweepBeforeBackup({ destinationFolder: destinationFolder(request.destination), tempParent }, layer);
  }
  const snapshotRoom = inMemory ? 0 : plaintextSizeBound(live.bytesOnDisk);
  await assertSpaceFor(
    [
      {
        folder: tempParent,
        bytes: snapshotRoom,
        what: 'the temporary copy of your notes',
      },
      {
        folder: destinationFolder(request.destination),
        bytes: encryptedSizeBound(live.bytesOnDisk, request.chunkSize),
        what: 'the encrypted backup',
      },
    ],
    layer,
  );
  report(controls, 'checking-space', 1, 1);

  // The cheap checks come before Argon2id (seconds of work): reserving the name proves the
  // destination folder exists and is writable and that the target name is free.
  const createdAt = (request.now ?? (() => new Date()))();
  // The backup's own file key: every slot wraps it, and the read-back opens the file with it.
  const fileKey = newFileKey();
  try {
    return await runWithCleanup(
      async (cleanup) => {
        const target = await reserveBackupTarget(request.destination, createdAt, request.kind, layer);
        cleanup.add(() => unlinkIfExists(target.partialPath, layer));
        // Argon2id runs here only when a passkey was typed: scheduled and safety backups bring public keys.
        const passkey = await passkeyPublic(request.keySource, controls);
        const writeKeys: WriteKeys = {
          formatVersion: 2,
          fileKey,
          recipients: recipientsFor(passkey, request.alsoOpenWith),
        };

        const snapshotControls = { ...controls, nativeBinding, neededBytes: snapshotRoom };
        let snapshotPath: string | undefined;
        let snapshotBytes: Buffer | undefined;
        let facts: NotesDatabaseFacts & { manifest: BackupManifest };
        // Runs once: early, as soon as the encrypted copy exists, or at the latest on cleanup.
        let wiping: Promise<void> | undefined;
        let wipeSnapshot: () => Promise<void>;
        if (inMemory) {
          const snapshot = await snapshotDatabaseToMemory(databasePath, snapshotControls);
          snapshotBytes = snapshot.bytes;
          // Given back right after encrypting, like the file's wipe: the read-back needs none of it.
          wipeSnapshot = () => Promise.resolve(wipeAndRelease(snapshot.bytes));
          cleanup.add(wipeSnapshot);
          facts = snapshot;
        } else {
          const dir = await createPrivateTempDir(tempParent, 'backup', layer);
          wipeSnapshot = () => (wiping ??= secureWipeDirectory(dir, layer));
          cleanup.add(wipeSnapshot);
          snapshotPath = join(dir, 'snapshot.db');
          facts = await snapshotDatabase(databasePath, snapshotPath, snapshotControls);
        }
        throwIfCancelled(controls.signal, 'The backup');

        const metadataInput: BackupMetadataInput = {
          appVersion: request.appVersion,
          schemaVersion: facts.schemaVersion,
          createdAt: createdAt.toISOString(),
          noteCount: facts.noteCount,
          kind: request.kind,
          manifest: facts.manifest,
        };
        const encryptOptions = {
          chunkSize: request.chunkSize,
          signal: controls.signal,
          onProgress: (done: number, total: number) => report(controls, 'encrypting', done, total),
        };
        let written: EncryptResult;
        if (snapshotBytes !== undefined) {
          written = await encryptBytesToFile(snapshotBytes, target.partialPath, writeKeys, metadataInput, {
            ...encryptOptions,
            fileLayer: layer,
          });
        } else {
          written = await encryptFileToFile(
            snapshotPath as string,
            target.partialPath,
            writeKeys,
            metadataInput,
            encryptOptions,
          );
        }
        throwIfCancelled(controls.signal, 'The backup');

        // The read-back needs only the encrypted file, so the plaintext snapshot is wiped
        // meanwhile: the wipe is disk work, the read-back is cipher work on this thread.
        // A failed wipe still fails the backup, when the cleanup awaits it.
        wipeSnapshot().catch(() => undefined);
        const { fileSha256 } = await readBackWrittenBackup(
          target.partialPath,
          fileKey,
          written.metadata,
          controls,
        );
        throwIfCancelled(controls.signal, 'The backup');

        report(controls, 'finishing', 0, 1);
        throwIfCancelled(controls.signal, 'The backup');
        // Once published the backup exists; there is nothing left to cancel.
        await publishFile(target.partialPath, target.finalPath, { ...layer, overwrite: false });
        report(controls, 'finishing', 1, 1);
        return {
          file: target.finalPath,
          size: written.backupSize,
          metadata: written.metadata,
          formatVersion: 2,
          kdf: passkey.kdf,
          passkeyPublicKey: passkey.publicKey,
          fileSha256,
        };
      },
      (result) => `The backup ${result.file} was saved and checked, but`,
    );
  } finally {
    fileKey.fill(0);
  }
}

function layerOf(options: FileLayerOptions | undefined): FileLayerOptions & { retry: RetryOptions } {
  const fs = options?.fs ?? nodeFileSystem;
  return { fs, retry: { platform: fs.platform, ...options?.retry } };
}
