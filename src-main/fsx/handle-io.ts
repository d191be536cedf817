/**
 * Steps on an open FileHandle, each through the retry helper: writes and fsyncs on Windows fail with
 * EBUSY when they touch a byte range another process locked with LockFileEx (SQLite locks bytes at the
 * 1 GiB mark), which clears once that process unlocks. Closing is never retried: after a failed close
 * the descriptor is gone either way.
 */
import { toNoteVaultError } from './fs-errors';
import type { FileHandle } from './fs-seam';
import type { RetryOptions } from './retry';
import { withFileRetry } from './retry';

/** Writes all of `bytes` at `position`; a single write may write less than asked. */
export async function writeFully(
  handle: FileHandle,
  bytes: Uint8Array,
  position: number,
  path: string,
  retry: RetryOptions,
): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await withFileRetry(
      'write to',
      path,
      () => handle.write(bytes, written, bytes.length - written, position + written),
      retry,
    );
    written += bytesWritten;
  }
}

export function syncHandle(handle: FileHandle, path: string, retry: RetryOptions): Promise<void> {
  return withFileRetry('flush to disk', path, () => handle.sync(), retry);
}

/**
 * Runs `work` with the handle, then closes it whatever happened. The first failure wins, so a close
 * error never hides the error that made us stop.
 */
export async function useThenClose<T>(
  handle: FileHandle,
  path: string,
  retry: RetryOptions,
  work: (handle: FileHandle) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  let failure: unknown;
  let failed = false;
  try {
    result = await work(handle);
  } catch (error) {
    failure = error;
    failed = true;
  }
  try {
    await handle.close();
  } catch (closeError) {
    if (!failed) {
      failure = toNoteVaultError(closeError, 'close', path, retry.platform);
      failed = true;
    }
  }
  if (failed) throw failure;
  return result as T;
}
