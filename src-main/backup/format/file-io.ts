import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';

/** Maps a file-system failure to the project's codes, naming the file and what we tried. */
export function ioError(cause: unknown, path: string, action: string): NoteVaultError {
  if (cause instanceof NoteVaultError) return cause;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC') {
    return new NoteVaultError(
      'DISK_FULL',
      `Could not ${action} ${path}: the disk is full. Free some space and try again.`,
      { cause },
    );
  }
  if (code === 'EBUSY' || code === 'EPERM') {
    return new NoteVaultError(
      'FILE_LOCKED',
      `Could not ${action} ${path}: another program is holding the file (${code}). ` +
        'Close programs that may use it (sync clients, antivirus) and try again.',
      { cause },
    );
  }
  const reason = code === 'ENOENT' ? 'the file does not exist' : String(cause);
  return new NoteVaultError('IO', `Could not ${action} ${path}: ${reason}.`, { cause });
}

export async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (cause) {
    throw ioError(cause, path, 'open');
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
    throw ioError(cause, path, 'read');
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
    throw ioError(cause, path, 'write');
  }
}
