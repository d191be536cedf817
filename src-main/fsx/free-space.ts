/**
 * Free-space checks before writing large files (snapshots, backups), so a full drive is reported up
 * front with numbers a person can act on instead of as a half-written file and ENOSPC.
 *
 * Available space is statfs `bavail * bsize`: the blocks an unprivileged process may still use (on
 * Linux ext4 about 5% is reserved for root and not counted). On Windows libuv fills these from
 * GetDiskFreeSpaceW, whose "available to the caller" figure already honours disk quotas.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { formatBytes } from '../../src-shared/format';
import { toNoteVaultError } from './fs-errors';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';

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
