/**
 * Retention in one destination, with that destination's own policy (apply-retention.ts: only
 * NoteVault-named files are ever deleted). Which backups count as verified there, and which failed
 * their last restore drill there, is retention-verification.ts's rule (the preview uses it too), so
 * the newest verified copy of each destination survives its own clean-up. What was deleted is
 * forgotten in the catalogue for this destination only. An unreachable destination is left alone
 * (its backups are cleaned up when it returns); problems are logged, never a failed backup.
 */
import { basename } from 'node:path';
import type { BackupDestination } from '../../src-shared/settings';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import type { FileLayerOptions } from '../fsx/retry';
import { applyRetention } from '../schedule/apply-retention';
import { retentionVerification } from '../schedule/retention-verification';
import { reachDestination } from './reach-destination';

export interface DestinationRetentionContext {
  catalogue: BackupCatalogue;
  verifiedFiles: Iterable<string>;
  fileLayer?: FileLayerOptions | undefined;
  now: number;
  log: (message: string) => void;
}

/** Resolves with the number of backups deleted. */
export async function applyDestinationRetention(
  destination: BackupDestination,
  context: DestinationRetentionContext,
): Promise<number> {
  const { catalogue, fileLayer, log } = context;
  try {
    if (!(await reachDestination(destination.folder, fileLayer)).reachable) return 0;
    // The same rule as the preview (backups:retentionPreview), so it shows what goes here.
    const verification = retentionVerification(destination.id, {
      verifiedFiles: context.verifiedFiles,
      catalogue: catalogue.entries(),
    });
    const outcome = await applyRetention(destination.folder, destination.retention, {
      ...fileLayer,
      now: new Date(context.now),
      verification,
    });
    for (const failure of outcome.failed) log(`Could not delete an old backup: ${failure.message}`);
    for (const file of outcome.deleted) await catalogue.forget(basename(file), destination.id);
    return outcome.deleted.length;
  } catch (error) {
    log(
      `Could not clean up old backups in "${destination.folder}": ${error instanceof Error ? error.message : String(error)}`,
    );
    return 0;
  }
}
