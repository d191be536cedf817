/**
 * The checks a header rewrite makes (rekey-file.ts, rewrite-by-copy.ts): the new header opens with
 * the new passkey to the same file key, in memory before the write and read back from the disk
 * after it, chunk 0 included.
 */
import { NoteVaultError } from '../../../src-shared/errors';
import type { FileHandle } from '../../fsx/fs-seam';
import { nodeFileSystem } from '../../fsx/fs-seam';
import type { FileLayerOptions, RetryOptions } from '../../fsx/retry';
import { readMetadataFromHandle } from '../format/decrypt-stream';
import { readInto } from '../format/file-io';
import { loadSodium } from '../format/sodium';
import { decodeHeaderV2 } from '../format/v2/header-v2';
import { unlockFileKey } from '../format/v2/unlock-file-key';
import type { RekeyKeys } from './rekey-file';

export function layerOf(options: FileLayerOptions): { layer: FileLayerOptions; retry: RetryOptions } {
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  return { layer: { fs, retry }, retry };
}

export async function assertOpensWithNew(
  headerBytes: Uint8Array,
  fileKey: Uint8Array,
  keys: RekeyKeys,
  path: string,
): Promise<void> {
  const header = decodeHeaderV2(headerBytes, path);
  const unlocked = await unlockFileKey(
    header,
    { kind: 'passkey', passkey: keys.newPasskey },
    path,
    keys.deriveNew,
  );
  // Secret bytes: compared in constant time (the same length always: both are file keys).
  const same = unlocked.length === fileKey.length && (await loadSodium()).memcmp(unlocked, fileKey);
  unlocked.fill(0);
  if (!same) throw new NoteVaultError('INTERNAL', `The new header of ${path} gives another file key.`);
}

/** Reads the header back from disk and opens the file with the new passkey, chunk 0 included. */
export async function verifyOnDisk(
  path: string,
  handle: FileHandle,
  headerLength: number,
  fileKey: Uint8Array,
  keys: RekeyKeys,
): Promise<void> {
  const bytes = new Uint8Array(headerLength);
  const read = await readInto(handle, bytes, 0, path);
  await assertOpensWithNew(bytes.subarray(0, read), fileKey, keys, path);
  // The stream is untouched, but its chunk 0 must still authenticate with this header's fixed part.
  await readMetadataFromHandle(handle, path, fileKey);
}
