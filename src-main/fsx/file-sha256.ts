/**
 * SHA-256 of a whole file, read through the file layer in fixed 1 MiB blocks (memory does not grow
 * with the file). Each read goes through the retry helper: a read touching a range another process
 * locked with LockFileEx fails with EBUSY on Windows until that process unlocks (handle-io.ts).
 */
import { createHash } from 'node:crypto';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from './fs-seam';
import { useThenClose } from './handle-io';
import type { FileHandle } from './fs-seam';
import type { FileLayerOptions, RetryOptions } from './retry';
import { retryingFs, withFileRetry } from './retry';

export const HASH_BLOCK_BYTES = 1024 * 1024;

export interface FileDigest {
  sha256: string;
  size: number;
}

/** Hex SHA-256 and byte count of `path`. Open failures (ENOENT included) throw as NoteVaultErrors. */
export async function sha256OfFile(
  path: string,
  options: FileLayerOptions & { signal?: AbortSignal } = {},
): Promise<FileDigest> {
  const fs = options.fs ?? nodeFileSystem;
  const retry = { platform: fs.platform, ...options.retry, signal: options.signal };
  const handle = await retryingFs(fs, retry).open(path, 'r');
  return useThenClose(handle, path, retry, (h) => sha256OfOpenFile(h, path, retry));
}

/**
 * The same through a handle already open (`path` names it in errors): the caller that has just
 * written and checked a file hashes the very file it wrote, whatever its name points to by now.
 */
export async function sha256OfOpenFile(
  handle: FileHandle,
  path: string,
  retry: RetryOptions,
): Promise<FileDigest> {
  const hash = createHash('sha256');
  const block = new Uint8Array(HASH_BLOCK_BYTES);
  let size = 0;
  for (;;) {
    if (retry.signal?.aborted) {
      throw new NoteVaultError('CANCELLED', `Cancelled while reading "${path}".`);
    }
    const { bytesRead } = await withFileRetry(
      'read',
      path,
      () => handle.read(block, 0, block.length, size),
      retry,
    );
    if (bytesRead === 0) break;
    hash.update(block.subarray(0, bytesRead));
    size += bytesRead;
  }
  return { sha256: hash.digest('hex'), size };
}
