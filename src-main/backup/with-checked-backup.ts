import { runWithCleanup } from './cleanup';
import { openDecryptedBackup } from './decrypt-backup';
import type { DecryptedBackup } from './decrypt-backup';
import { readMetadata } from './format/decrypt-stream';
import { inspectAnyHeader } from './format/header';
import type { KdfParams } from './format/kdf';
import type { BackupMetadata } from './format/metadata';
import { fitsInMemory } from './limits';
import type { KeySource } from './passkey-or-key';
import { unlockBackup } from './unlock-backup';
import type { JobControls } from './progress';
import { throwIfCancelled } from './format/abort';
import { assertSpaceFor, plaintextSizeBound } from './space-check';

export interface CheckedBackupRequest {
  file: string;
  keySource: KeySource;
  /** Where the private temp folder goes if the payload is too large for memory. */
  tempParent: string;
  /** Label of that folder, e.g. 'verify'. */
  purpose: string;
  /** How many plaintext-sized copies the caller will need in `tempParent` (default 1). */
  tempCopies?: number;
  inMemoryLimit?: number;
  nativeBinding?: string;
  /** Hash the whole file during its one decrypting read (CheckedBackup.fileSha256). */
  hashFile?: boolean;
}

export interface CheckedBackup extends DecryptedBackup {
  metadata: BackupMetadata;
  /** The settings a passkey is stretched with for this file (v1 header, v2 passkey slot); none without one. */
  kdf: KdfParams | undefined;
  /** True when the plaintext never touched the disk. */
  inMemory: boolean;
}

/**
 * The read path verify, the restore preview and browsing share: the header is checked
 * before any key work (a file that is not a backup never costs an Argon2id run),
 * free space before anything is decrypted, then the whole backup is decrypted and its
 * database checked. `use` reads the checked database; afterwards the database is closed,
 * any plaintext wiped and the key zeroed, whatever happened.
 */
export async function withCheckedBackup<T>(
  request: CheckedBackupRequest,
  controls: JobControls,
  action: string,
  use: (backup: CheckedBackup) => Promise<T> | T,
  afterSuccess: (result: T) => string,
): Promise<T> {
  const { file, tempParent } = request;
  throwIfCancelled(controls.signal, action);
  const header = await inspectAnyHeader(file);
  const resolved = await unlockBackup(file, header, request.keySource, controls);
  try {
    const { metadata } = await readMetadata(file, resolved.key);
    const inMemory = fitsInMemory(metadata.plaintextSize, request.inMemoryLimit);
    if (!inMemory) {
      const bytes = (request.tempCopies ?? 1) * plaintextSizeBound(metadata.plaintextSize);
      await assertSpaceFor([{ folder: tempParent, bytes, what: 'the decrypted copy' }], controls.fileLayer);
    }
    throwIfCancelled(controls.signal, action);
    return await runWithCleanup(async (cleanup) => {
      const decrypted = await openDecryptedBackup(
        {
          file,
          key: resolved.key,
          metadata,
          tempParent,
          purpose: request.purpose,
          inMemoryLimit: request.inMemoryLimit,
          nativeBinding: request.nativeBinding,
          hashFile: request.hashFile,
        },
        controls,
        cleanup,
      );
      return use({ ...decrypted, metadata, kdf: resolved.passkeyKdf, inMemory });
    }, afterSuccess);
  } finally {
    resolved.key.fill(0);
  }
}
