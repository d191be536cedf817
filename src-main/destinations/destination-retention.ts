/**
 * Retention in one destination, with that destination's own policy (apply-retention.ts: only
 * NoteVault-named files are ever deleted). A backup counts as verified there when the run history
 * says it verified, or when the catalogue holds a verified copy of it in this destination, so the
 * newest verified copy of each destination survives its own clean-up. What was deleted is
 * forgotten in the catalogue for this destination only. An unreachable destination is left alone
 * (its backups are cleaned up when it returns); problems are logged, never a failed backup.
 */
import { basename } from 'node:path';
import type { BackupDestination } from '../../src-shared/settings';
import type { BackupCatalogue } from '../settings/backup-catalogue';
import type { FileLayerOptions } from '../fsx/retry';
import { applyRetention } from '../schedule/apply-retention';
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
    const verified = new Set([...context.verifiedFiles].map((file) => basename(file)));
    for (const entry of catalogue.entries()) {
      if (entry.copies[destination.id]?.state === 'verified') verified.add(entry.name);
    }
    const outcome = await applyRetention(destination.folder, destination.retention, {
      ...fileLayer,
      now: new Date(context.now),
      verifiedFiles: verified,
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
