/**
 * Free-space checks before writing large files (snapshots, backups), so a full drive is reported up
 * front with numbers a person can act on instead of as a half-written file and ENOSPC.
 *
 * Available space is statfs `bavail * bsize`: the blocks an unprivileged process may still use (on
 * Linux ext4 about 5% is reserved for root and not counted). On Windows libuv fills these from
 * GetDiskFreeSpaceW, whose "available to the caller" figure already honours disk quotas.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from './fs-errors';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';

const UNITS = ['KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Human-readable size with one decimal: "512 bytes", "1.5 KB", "3.2 GB". Units are powers of 1024
 * labelled KB/MB/GB, as Windows Explorer shows them, so the numbers match what the person sees there.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    throw new NoteVaultError('VALIDATION', `A byte count must be a finite number >= 0, got ${n}.`);
  }
  if (n < 1024) return n === 1 ? '1 byte' : `${Math.round(n)} bytes`;
  let value = n / 1024;
  let unit = 0;
  // Compare the rounded value so 1023.96 KB is shown as "1.0 MB", not "1024.0 KB".
  while (Number(value.toFixed(1)) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** Bytes an unprivileged process may still write on the volume holding `folder`. */
export async function availableBytes(folder: string, fs: FileSystem = nodeFileSystem): Promise<number> {
  try {
    const stats = await fs.statfs(folder);
    return stats.bavail * stats.bsize;
  } catch (error) {
    throw toNoteVaultError(error, 'check the free space of', folder, fs.platform);
  }
}

/**
 * Throws DISK_FULL unless the volume holding `folder` has at least `neededBytes` available.
 * `what` names the thing being written, e.g. "the backup" or "the temporary copy of your notes".
 */
export async function assertFreeSpace(
  folder: string,
  neededBytes: number,
  what: string,
  fs: FileSystem = nodeFileSystem,
): Promise<void> {
  if (!Number.isSafeInteger(neededBytes) || neededBytes < 0) {
    throw new NoteVaultError(
      'VALIDATION',
      `The space needed must be a whole number of bytes >= 0, got ${neededBytes}.`,
    );
  }
  const available = await availableBytes(folder, fs);
  if (available >= neededBytes) return;
  throw new NoteVaultError(
    'DISK_FULL',
    `Not enough free space for ${what} in "${folder}": it needs ${formatBytes(neededBytes)}, ` +
      `but only ${formatBytes(available)} is available. ` +
      `Free up at least ${formatBytes(neededBytes - available)} on that drive or choose a folder on another drive.`,
  );
}
