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
