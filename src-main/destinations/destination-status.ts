/**
 * One destination's state as Settings and the health view show it (destinations:status): can it be
 * reached, its newest verified copy, whether it lacks the newest backup, the last copy problem, and how
 * much NoteVault's backups take there against its cap.
 */
import type { DestinationStatusView } from '../../src-shared/ipc/contract-destinations';
import type { BackupDestination } from '../../src-shared/settings';
import type { CatalogueEntry } from '../settings/backup-catalogue';
import type { CloudSyncKind } from '../fsx/cloud-sync-folder';
import type { FileLayerOptions } from '../fsx/retry';
import { listGeneratedBackups } from '../schedule/apply-retention';
import { retentionCapBytes } from '../schedule/retention';
import { reachDestination } from './reach-destination';

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
    // What a catch-up would copy there: the newest backup when it lacks it, never older ones.
    pendingCount: entries[0] !== undefined && entries[0].copies[id]?.state !== 'verified' ? 1 : 0,
    lastCopyProblem:
      lastAttempt === undefined || lastAttempt.state === 'verified'
        ? null
        : (lastAttempt.message ?? lastAttempt.state),
    usageBytes: reach.reachable ? await usageOf(folder, context.fileLayer) : null,
    capBytes: retentionCapBytes(retention),
  };
}

/** Bytes of the backups retention counts in `folder` (its own listing); null when it cannot be listed. */
async function usageOf(folder: string, layer: FileLayerOptions = {}): Promise<number | null> {
  try {
    const backups = await listGeneratedBackups(folder, new Set(), layer);
    return backups.reduce((total, backup) => total + backup.size, 0);
  } catch {
    return null;
  }
}
