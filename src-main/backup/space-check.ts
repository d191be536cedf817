import { dirname } from 'node:path';
import { assertFreeSpace } from '../fsx/free-space';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, retryingFs } from '../fsx/retry';
import { ABYTES, DEFAULT_CHUNK_SIZE, FRAME_LENGTH_BYTES, HEADER_SIZE } from './format/format-constants';

export interface SpaceNeed {
  /** Where the bytes will be written; may not exist yet (its nearest existing parent is checked). */
  folder: string;
  bytes: number;
  /** Completes "Not enough free space for ...", e.g. "the encrypted backup". */
  what: string;
}

/** Room for SQLite's journal or WAL, file-system rounding and the metadata chunk. */
const SLACK_BYTES = 1024 * 1024;

/** Size of the backup file for a payload of `plaintextSize` bytes, plus slack. */
export function encryptedSizeBound(plaintextSize: number, chunkSize = DEFAULT_CHUNK_SIZE): number {
  const frames = Math.max(1, Math.ceil(plaintextSize / chunkSize)) + 1;
  return plaintextSize + HEADER_SIZE + frames * (FRAME_LENGTH_BYTES + ABYTES) + SLACK_BYTES;
}

/** Room for a plaintext copy of `size` bytes, plus slack. */
export function plaintextSizeBound(size: number): number {
  return size + SLACK_BYTES;
}

/**
 * How much the live database's volume must hold while a restore writes `plaintextSize` bytes of
 * notes into a database whose main file has `liveMainBytes` now (replace-database.ts). The new
 * notes go into the -wal first, all of them, in the one transaction that replaces the old ones;
 * the checkpoint then copies them into the main file, which grows where the new notes need more
 * pages than the old ones freed; only then is the -wal emptied. So the peak is the -wal plus the
 * main file's growth. Rebuilt notes take a little more room than the compact image in a backup
 * (fresh b-tree and full-text pages are not packed as VACUUM packs them): RESTORE_GROWTH_FACTOR
 * covers that, measured by restore-space.test.ts.
 */
export function restoredDatabaseGrowthBound(
  plaintextSize: number,
  liveMainBytes: number,
  /** Written in the same transaction besides the backup's rows (the replaced notes kept, already bounded). */
  extraBytes = 0,
): number {
  const rebuilt = Math.ceil(plaintextSize * RESTORE_GROWTH_FACTOR) + extraBytes + SLACK_BYTES;
  return rebuilt + Math.max(0, rebuilt - liveMainBytes);
}

/** Rebuilt size over the backup's image, with margin; see restoredDatabaseGrowthBound. */
export const RESTORE_GROWTH_FACTOR = 1.15;

/**
 * Refuses up front, with the figures, when a volume cannot hold what the job will write, so a
 * full disk never shows up halfway as a torn file. Needs on the same volume (the temp folder
 * and the destination are often both on C:) are added together before comparing.
 */
export async function assertSpaceFor(needs: SpaceNeed[], layer: FileLayerOptions = {}): Promise<void> {
  const fs = layer.fs ?? nodeFileSystem;
  const io = retryingFs(fs, layer.retry);
  const volumes = new Map<number, { folder: string; bytes: number; what: string[] }>();
  for (const need of needs) {
    if (need.bytes <= 0) continue;
    const folder = await nearestExisting(need.folder, layer);
    const device = (await io.stat(folder)).dev;
    const volume = volumes.get(device) ?? { folder, bytes: 0, what: [] };
    volume.bytes += need.bytes;
    volume.what.push(need.what);
    volumes.set(device, volume);
  }
  for (const volume of volumes.values()) {
    await assertFreeSpace(volume.folder, volume.bytes, volume.what.join(' and '), fs);
  }
}

async function nearestExisting(folder: string, layer: FileLayerOptions): Promise<string> {
  let current = folder;
  while (!(await lstatIfExists(current, layer))) {
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}
