import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';
import { throwIfCancelled } from './abort';
import { BufferedFileReader } from './buffered-reader';
import { toNoteVaultError } from '../../fsx/fs-errors';
import { openForReading, writeAll } from './file-io';
import { DEFAULT_CHUNK_SIZE, KEY_BYTES, MAX_CHUNK_SIZE } from './format-constants';
import { writeBackupStream } from './backup-stream-writer';
import { assertKdfParamsWithinBounds } from './kdf';
import type { KdfParams } from './kdf';
import type { Recipient } from './v2/slots';
import { FILE_KEY_BYTES } from './v2/v2-constants';
import type { BackupMetadata, BackupMetadataInput } from './metadata';

export interface EncryptOptions {
  /** Plaintext bytes per chunk, 1..MAX_CHUNK_SIZE; DEFAULT_CHUNK_SIZE (64 KiB) if omitted. */
  chunkSize?: number;
  /** Called about once per MiB while encrypting, and once at the end. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

export interface EncryptResult {
  /** The metadata stored in the backup, including the payload's size and SHA-256. */
  metadata: BackupMetadata;
  /** Size of the backup file written. */
  backupSize: number;
}

/**
 * What a writer encrypts with, and so which format version it writes: v1 with a key derived
 * from the passkey and the KDF settings it came from; v2 with the backup's own random file key
 * and the public keys of the ways in that get a slot (docs/backup-format.md section 18). The
 * caller keeps and wipes the file key: its read-back opens the file with it.
 */
export type WriteKeys =
  | { formatVersion: 1; key: Uint8Array; kdf: KdfParams }
  | { formatVersion: 2; fileKey: Uint8Array; recipients: readonly Recipient[] };

const PROGRESS_STEP = 1024 * 1024;

/**
 * The checks both writers of the format make before writing anything: the chunk size the
 * reader accepts, a key of the right length, and KDF parameters within the reader's caps.
 * Returns the chunk size to use.
 */
export function checkEncryptInputs(chunkSizeOption: number | undefined, keys: WriteKeys): number {
  const chunkSize = chunkSizeOption ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new NoteVaultError(
      'VALIDATION',
      `The backup chunk size must be a whole number of bytes from 1 to ${MAX_CHUNK_SIZE}; got ${chunkSize}.`,
    );
  }
  if (keys.formatVersion === 2) {
    if (keys.fileKey.length !== FILE_KEY_BYTES) {
      throw new NoteVaultError(
        'VALIDATION',
        `The backup file key must be ${FILE_KEY_BYTES} bytes; got ${keys.fileKey.length}.`,
      );
    }
    // The header encoder checks the slots themselves (kinds, count, sizes).
    for (const recipient of keys.recipients) {
      if (recipient.kind === 'passkey') assertKdfParamsWithinBounds(recipient.kdf);
    }
    return chunkSize;
  }
  if (keys.key.length !== KEY_BYTES) {
    throw new NoteVaultError(
      'VALIDATION',
      `The backup key must be ${KEY_BYTES} bytes; got ${keys.key.length}.`,
    );
  }
  assertKdfParamsWithinBounds(keys.kdf);
  return chunkSize;
}

/**
 * Encrypts the snapshot at `srcPath` into a backup at `dstPath` (created or truncated), in
 * the format version `keys` name, and fsyncs it. The caller owns the file name: write to a temporary name, rename on
 * success, delete on failure; this function never deletes anything.
 *
 * The metadata chunk comes first and records the payload's SHA-256, so the source is read
 * twice: once to hash it, once to encrypt it. The second pass hashes again and fails if
 * the source changed in between, so a backup never carries a digest that does not match.
 */
export async function encryptFileToFile(
  srcPath: string,
  dstPath: string,
  keys: WriteKeys,
  metadataInput: BackupMetadataInput,
  options: EncryptOptions = {},
): Promise<EncryptResult> {
  // Checked before the hashing pass so bad settings fail at once, not after reading the source.
  const chunkSize = checkEncryptInputs(options.chunkSize, keys);
  const source = await openForReading(srcPath);
  try {
    const size = (await source.stat()).size;
    const sha256 = await hashWholeFile(source, srcPath, size, options.signal);
    const metadata: BackupMetadata = {
      formatVersion: keys.formatVersion,
      ...metadataInput,
      plaintextSize: size,
      plaintextSha256: sha256,
    };
    const target = await openForWriting(dstPath);
    try {
      const reader = new BufferedFileReader(source, srcPath, 0);
      const recheck = createHash('sha256');
      const changed = (): NoteVaultError =>
        new NoteVaultError(
          'IO',
          `The snapshot ${srcPath} changed while it was being encrypted, so the backup was not finished. Try again.`,
        );
      let backupSize: number;
      try {
        backupSize = await writeBackupStream(
          (bytes, at) => writeAll(target, bytes, at, dstPath),
          keys,
          metadata,
          {
            size,
            read: async (length) => {
              const plaintext = await reader.take(length);
              if (plaintext.length !== length) throw changed();
              recheck.update(plaintext);
              return plaintext;
            },
          },
          { chunkSize, onProgress: options.onProgress, signal: options.signal },
        );
        if ((await reader.take(1)).length !== 0 || recheck.digest('hex') !== sha256) throw changed();
      } finally {
        await reader.settle();
      }
      await target.sync().catch((cause: unknown) => {
        throw toNoteVaultError(cause, 'flush to disk', dstPath);
      });
      return { metadata, backupSize };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

async function hashWholeFile(
  handle: FileHandle,
  path: string,
  size: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  const hash = createHash('sha256');
  const reader = new BufferedFileReader(handle, path, 0);
  try {
    let done = 0;
    while (done < size) {
      throwIfCancelled(signal, 'Writing the backup');
      const block = await reader.take(Math.min(PROGRESS_STEP, size - done));
      if (block.length === 0) break;
      hash.update(block);
      done += block.length;
    }
  } finally {
    await reader.settle();
  }
  return hash.digest('hex');
}

async function openForWriting(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'w');
  } catch (cause) {
    throw toNoteVaultError(cause, 'create', path);
  }
}
