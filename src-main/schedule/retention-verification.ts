/**
 * Which backups in one destination retention counts as verified, and which failed their last
 * restore drill there (retention.ts, rules 3 and 4). One rule for the run's clean-up and the
 * preview of it (backups:retentionPreview), so the preview shows exactly what the run deletes.
 *
 * Verified: the run history says it verified after writing (compared by file name, so a copy of
 * it elsewhere counts too), or the catalogue holds a verified copy in this destination, or its copy
 * there passed its last drill. Failed: its copy there failed its last drill, whatever the rest
 * says: a backup that no longer restores is not one to keep in place of a good one.
 */
import { basename } from 'node:path';
import type { CatalogueEntry } from '../settings/backup-catalogue';
import type { RetentionVerification } from './apply-retention';

export interface VerificationSources {
  /** Paths (or names) of backups the history says verified. */
  verifiedFiles?: Iterable<string>;
  /** The backup catalogue's entries. */
  catalogue?: readonly CatalogueEntry[];
}

export function retentionVerification(
  destinationId: string,
  sources: VerificationSources,
): RetentionVerification {
  const verified = new Set([...(sources.verifiedFiles ?? [])].map((file) => basename(file)));
  const failedDrill = new Set<string>();
  for (const entry of sources.catalogue ?? []) {
    const copy = entry.copies[destinationId];
    if (copy === undefined) continue;
    if (copy.lastDrill?.ok === false) failedDrill.add(entry.name);
    else if (copy.state === 'verified' || copy.lastDrill?.ok === true) verified.add(entry.name);
  }
  return { verified, failedDrill };
}
