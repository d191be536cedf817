import { stat } from 'node:fs/promises';
import { toNoteVaultError } from '../fsx/fs-errors';
import { readMetadata } from './format/decrypt-stream';
import { inspectHeader } from './format/header';
import type { BackupMetadata } from './format/metadata';
import { forgetKey, resolveKey } from './passkey-or-key';
import type { KeySource } from './passkey-or-key';

export interface BackupInspection {
  header: {
    formatVersion: number;
    kdf: { algorithm: number; opslimit: number; memlimit: number };
    /** Size of the backup file in bytes. */
    size: number;
  };
  /** Present when a key source was given: decrypting only the first chunk proves it right. */
  metadata?: BackupMetadata;
}

/**
 * What a backup is, cheaply: without a passkey the cleartext header (format version and the
 * KDF costs, which the app shows before asking for the passkey); with one, also the metadata
 * (date, kind, note count, sizes), decrypting only the metadata chunk. It does not check the
 * rest of the file; verifyBackup does.
 */
export async function inspectBackup(file: string, keySource?: KeySource): Promise<BackupInspection> {
  const header = await inspectHeader(file);
  const size = await stat(file).then(
    (info) => info.size,
    (cause: unknown) => {
      throw toNoteVaultError(cause, 'read the size of', file);
    },
  );
  const { algorithm, opslimit, memlimit } = header.kdf;
  const summary = { formatVersion: header.formatVersion, kdf: { algorithm, opslimit, memlimit }, size };
  if (keySource === undefined) return { header: summary };
  const resolved = await resolveKey(keySource, header.kdf);
  try {
    const { metadata } = await readMetadata(file, resolved.key);
    return { header: summary, metadata };
  } finally {
    forgetKey(resolved);
  }
}
