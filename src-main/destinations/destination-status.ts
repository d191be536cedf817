/**
 * One destination's state as Settings and the health view show it (destinations:status): can it be
 * reached, its newest verified copy, how many backups it is behind, the last copy problem, and how
 * much NoteVault's backups take there against its cap.
 */
import { join } from 'node:path';
import type { DestinationStatusView } from '../../src-shared/ipc/contract-destinations';
import type { BackupDestination } from '../../src-shared/settings';
import { parseBackupFileName } from '../backup/backup-names';
import type { CatalogueEntry } from '../settings/backup-catalogue';
import type { CloudSyncKind } from '../fsx/cloud-sync-folder';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { reachDestination } from './reach-destination';

const MEGABYTE = 1024 * 1024;

export interface StatusContext {
  cloudSync: CloudSyncKind | null;
  fileLayer?: FileLayerOptions | undefined;
}

/** `entries` newest first (BackupCatalogue.entries()). */
export async function destinationStatus(
  destination: BackupDestination,
  entries: readonly CatalogueEntry[],
  context: StatusContext,
): Promise<DestinationStatusView> {
  const { id, folder, retention } = destination;
  let reach;
  try {
    reach = await reachDestination(folder, context.fileLayer);
  } catch (error) {
    reach = {
      reachable: false as const,
      message: `NoteVault could not check "${folder}".`,
      details: String(error),
    };
  }
  const newestVerified = entries.findIndex((entry) => entry.copies[id]?.state === 'verified');
  const lastVerified = newestVerified === -1 ? undefined : entries[newestVerified];
  const lastAttempt = entries.find((entry) => entry.copies[id] !== undefined)?.copies[id];
  return {
    id,
    folder,
    reachable: reach.reachable,
    problem: reach.reachable ? null : reach.message,
    ...(reach.reachable ? {} : { details: reach.details }),
    cloudSync: context.cloudSync,
    lastVerifiedCopyAt: lastVerified?.copies[id]?.at ?? null,
    lastVerifiedCopy: lastVerified?.name ?? null,
    pendingCount: newestVerified === -1 ? entries.length : newestVerified,
    lastCopyProblem:
      lastAttempt === undefined || lastAttempt.state === 'verified'
        ? null
        : (lastAttempt.message ?? lastAttempt.state),
    usageBytes: reach.reachable ? await usageOf(folder, context.fileLayer) : null,
    capBytes: retention.capMegabytes == null ? null : retention.capMegabytes * MEGABYTE,
  };
}

/** Bytes of NoteVault-named backups directly in `folder`; null when it cannot be listed. */
async function usageOf(folder: string, layer: FileLayerOptions = {}): Promise<number | null> {
  const fs = layer.fs ?? nodeFileSystem;
  try {
    let total = 0;
    for (const name of await fs.readdir(folder)) {
      if (parseBackupFileName(name) === null) continue;
      try {
        const stats = await fs.lstat(join(folder, name));
        if (stats.isFile()) total += stats.size;
      } catch {
        // Deleted between the listing and the stat: it no longer counts.
      }
    }
    return total;
  } catch {
    return null;
  }
}
