/**
 * What the next clean-up of one destination would delete, and the room it frees, before it runs
 * (backups:retentionPreview, the backups view's "Next clean-up removes 4 backups, 1.2 GB, to stay
 * under 5 GB"). It plans through `planFolderRetention`, as `applyRetention` does, with the same
 * verification (retention-verification.ts), so the figures are what the clean-up then frees as
 * long as the folder does not change in between (a new backup can make the plan delete more).
 */
import type { RetentionPreview } from '../../src-shared/ipc/contract-retention';
import type { BackupDestination } from '../../src-shared/settings';
import type { ApplyRetentionOptions } from './apply-retention';
import { planFolderRetention } from './apply-retention';

export async function previewRetention(
  destination: BackupDestination,
  options: ApplyRetentionOptions = {},
): Promise<RetentionPreview> {
  const plan = await planFolderRetention(destination.folder, destination.retention, options);
  return {
    destinationId: destination.id,
    delete: plan.delete.map((entry) => ({
      name: entry.name,
      size: entry.size,
      // The plan orders same-second backups a millisecond apart; the name says whole seconds.
      createdAt: Math.floor(entry.createdAt.getTime() / 1000) * 1000,
      kind: entry.kind,
    })),
    freedBytes: plan.freedBytes,
    keptBytes: plan.keptBytes,
    keptCount: plan.keep.length,
    capBytes: plan.capBytes,
    overCap: plan.overCap,
  };
}
