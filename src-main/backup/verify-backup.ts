import { tmpdir } from 'node:os';
import { runWithCleanup } from './cleanup';
import { openDecryptedBackup } from './decrypt-backup';
import { readMetadata } from './format/decrypt-stream';
import { inspectHeader } from './format/header';
import type { BackupMetadata } from './format/metadata';
import { fitsInMemory } from './limits';
import { forgetKey, resolveKey } from './passkey-or-key';
import type { KeySource } from './passkey-or-key';
import type { JobControls } from './progress';
import { throwIfCancelled } from './progress';
import { assertSpaceFor, plaintextSizeBound } from './space-check';

export interface VerifyBackupRequest {
  file: string;
  keySource: KeySource;
  /** Parent of the private temp folder if the payload is too large for memory. Default os.tmpdir(). */
  tempParent?: string;
  inMemoryLimit?: number;
  nativeBinding?: string;
}

export interface VerifyBackupResult {
  file: string;
  metadata: BackupMetadata;
  noteCount: number;
}

/**
 * Checks a backup completely without restoring it: the header, every chunk, the final tag,
 * the payload hash, and the database inside (integrity, identity, schema, note count). Any
 * plaintext it needed is wiped before it returns. The header is checked before the key is
 * derived, so a file that is not a backup never costs an Argon2id run.
 */
export async function verifyBackup(
  request: VerifyBackupRequest,
  controls: JobControls = {},
): Promise<VerifyBackupResult> {
  const { file } = request;
  throwIfCancelled(controls, 'Checking the backup');
  const header = await inspectHeader(file);
  const resolved = await resolveKey(request.keySource, header.kdf, controls);
  try {
    const { metadata } = await readMetadata(file, resolved.key);
    const tempParent = request.tempParent ?? tmpdir();
    if (!fitsInMemory(metadata.plaintextSize, request.inMemoryLimit)) {
      await assertSpaceFor(
        [
          {
            folder: tempParent,
            bytes: plaintextSizeBound(metadata.plaintextSize),
            what: 'the decrypted copy',
          },
        ],
        controls.fileLayer,
      );
    }
    throwIfCancelled(controls, 'Checking the backup');
    return await runWithCleanup(
      async (cleanup) => {
        const decrypted = await openDecryptedBackup(
          {
            file,
            key: resolved.key,
            metadata,
            tempParent,
            purpose: 'verify',
            inMemoryLimit: request.inMemoryLimit,
            nativeBinding: request.nativeBinding,
          },
          controls,
          cleanup,
        );
        return { file, metadata, noteCount: decrypted.facts.noteCount };
      },
      () => `The backup ${file} is intact, but`,
    );
  } finally {
    forgetKey(resolved);
  }
}
