/**
 * SHA-256 of a whole file, read through the file layer in fixed 1 MiB blocks (memory does not grow
 * with the file). Each read goes through the retry helper: a read touching a range another process
 * locked with LockFileEx fails with EBUSY on Windows until that process unlocks (handle-io.ts).
 */
import { createHash } from 'node:crypto';
import { NoteVaultError } from '../../src-shared/errors';
import { nodeFileSystem } from './fs-seam';
import { useThenClose } from './handle-io';
import type { FileLayerOptions } from './retry';
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
  return useThenClose(handle, path, retry, async (h) => {
    const hash = createHash('sha256');
    const block = new Uint8Array(HASH_BLOCK_BYTES);
    let size = 0;
    for (;;) {
      if (options.signal?.aborted) {
        throw new NoteVaultError('CANCELLED', `Cancelled while reading "${path}".`);
      }
      const { bytesRead } = await withFileRetry(
        'read',
        path,
        () => h.read(block, 0, block.length, size),
        retry,
      );
      if (bytesRead === 0) break;
      hash.update(block.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  });
}
