import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { toNoteVaultError } from '../../fsx/fs-errors';

export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (cause) {
    throw toNoteVaultError(cause, 'open', path);
  }
}

/** Fills `buffer` from `position`, stopping early only when the file ends; returns the bytes read. */
export async function readInto(
  handle: FileHandle,
  buffer: Uint8Array,
  position: number,
  path: string,
): Promise<number> {
  let filled = 0;
  try {
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (cause) {
    throw toNoteVaultError(cause, 'read', path);
  }
  return filled;
}

/** Reads `length` bytes at `position` into a new buffer, fewer only when the file ends first. */
export async function readUpTo(
  handle: FileHandle,
  length: number,
  position: number,
  path: string,
): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(length);
  return buffer.subarray(0, await readInto(handle, buffer, position, path));
}

/** Writes all of `bytes` at `position`: a single write() may legally write less. */
export async function writeAll(
  handle: FileHandle,
  bytes: Uint8Array,
  position: number,
  path: string,
): Promise<void> {
  let done = 0;
  try {
    while (done < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
  } catch (cause) {
    throw toNoteVaultError(cause, 'write', path);
  }
}
