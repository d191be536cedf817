/**
 * Whether a destination folder can be reached now. A destination on an unplugged drive, an
 * unmounted share or a folder that was moved is skipped with a warning and caught up later; it
 * never fails the backup (the backup itself is complete in the backup folder). Only the folder
 * itself is probed: an error on a file inside a reachable folder (a lock, a full disk) is a
 * failed copy, not a missing destination.
 */
import { underlyingCode } from '../fsx/fs-errors';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';

/**
 * What an absent or cut-off folder answers: gone or moved (ENOENT, ENOTDIR), a drive or share
 * that went away (ENODEV, ENXIO, EIO, ETIMEDOUT, EHOSTDOWN, ENOTCONN, ESTALE), or a mount the
 * account can no longer enter (EACCES, EPERM).
 */
export const UNREACHABLE_CODES: readonly string[] = [
  'ENOENT',
  'ENOTDIR',
  'ENODEV',
  'ENXIO',
  'EIO',
  'ETIMEDOUT',
  'EHOSTDOWN',
  'ENOTCONN',
  'ESTALE',
  'EACCES',
  'EPERM',
];

export type Reach = { reachable: true } | { reachable: false; message: string; details: string };

export async function reachDestination(folder: string, layer: FileLayerOptions = {}): Promise<Reach> {
  const fs = layer.fs ?? nodeFileSystem;
  try {
    const stats = await fs.stat(folder);
    if (stats.isDirectory()) return { reachable: true };
    return unreachable(folder, `"${folder}" is not a folder.`);
  } catch (error) {
    const code = underlyingCode(error);
    if (code !== undefined && UNREACHABLE_CODES.includes(code)) {
      return unreachable(folder, `${code}: ${error instanceof Error ? error.message : String(error)}`);
    }
    throw error;
  }
}

function unreachable(folder: string, details: string): Reach {
  return {
    reachable: false,
    message: `The backup destination "${folder}" cannot be reached (a drive unplugged or a folder moved); NoteVault copies the newest backup there when it is back.`,
    details,
  };
}
