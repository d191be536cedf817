/**
 * What is in a destination's folder right now, for the drills (docs/backup-pipeline.md, "Restore
 * drills: when and which"). The catalogue says what NoteVault wrote there; only the folder says
 * what is still there, so a drill picks among files present now, and a file is "gone" only when
 * it disappears from a folder that is still the one the run listed.
 */
import { lstat, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isBackupFileName } from '../backup/backup-names';
import { errorCode } from '../fsx/fs-errors';

export interface FolderListing {
  /** Backup file names in the folder. */
  names: ReadonlySet<string>;
  /**
   * The folder's device when listed: a drive pulled from a mount point that stays behind (an
   * empty /mnt/usb) leaves a folder on another device, so its files are not "gone".
   */
  device: number;
}

/** The backups in `folder` now, or null when it cannot be reached (missing, unplugged, unreadable). */
export async function listDestinationFolder(folder: string): Promise<FolderListing | null> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory()) return null;
    const names = (await readdir(folder)).filter((name) => isBackupFileName(name));
    return { names: new Set(names), device: info.dev };
  } catch {
    return null;
  }
}

/**
 * True when backup `name` no longer exists (ENOENT) in `folder` while the folder is still there,
 * on the device it was listed on (when `listed` is given). Anything else (the folder gone or remounted, a read error, the
 * file present) is false: the drill could not be tried, which says nothing about the backup.
 */
export async function isGone(folder: string, name: string, listed?: FolderListing): Promise<boolean> {
  try {
    const info = await stat(folder);
    if (!info.isDirectory() || (listed !== undefined && info.dev !== listed.device)) return false;
  } catch {
    return false;
  }
  try {
    await lstat(join(folder, name));
    return false;
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
}
