/**
 * Which backups in one destination retention counts as verified, and which it must treat as bad
 * there (retention.ts, rules 3 and 4). One rule for the run's clean-up and the preview of it
 * (backups:retentionPreview), so the preview shows exactly what the run deletes.
 *
 * Verified: in the backup folder ('primary'), the run history says it verified after writing
 * (compared by file name: the history was written there or in the local staging folder of a
 * cloud-synced backup folder); in any destination, the catalogue holds a verified copy there, or
 * its copy there passed its last drill. The history says nothing about another destination: a
 * file of that name there may be a copy cut short by a sync client, or another file.
 *
 * Bad (handled like a failed drill, so never the only one kept nor the protected newest): its copy
 * there failed its last drill, or the catalogue records the copy there as 'failed' (the hash after
 * copying or the settle re-check did not match: a sync client cut or replaced it, or another file
 * already had the name) or 'missing', unless a drill passed since (a drill checks the whole file
 * against the catalogue's hash first, so a later pass proves the file now there).
 */
import { basename } from 'node:path';
import { PRIMARY_DESTINATION_ID } from '../../src-shared/settings';
import type { CatalogueEntry, CopyRecord } from '../settings/backup-catalogue';
import type { RetentionVerification } from './apply-retention';

export interface VerificationSources {
  /** Paths (or names) of backups the history says verified in the backup folder. */
  verifiedFiles?: Iterable<string>;
  /** The backup catalogue's entries. */
  catalogue?: readonly CatalogueEntry[];
}

export function retentionVerification(
  destinationId: string,
  sources: VerificationSources,
): RetentionVerification {
  const history = destinationId === PRIMARY_DESTINATION_ID ? (sources.verifiedFiles ?? []) : [];
  const verified = new Set([...history].map((file) => basename(file)));
  const failedDrill = new Set<string>();
  for (const entry of sources.catalogue ?? []) {
    const copy = entry.copies[destinationId];
    if (copy === undefined) continue;
    if (isBad(copy)) {
      failedDrill.add(entry.name);
      verified.delete(entry.name);
    } else if (copy.state === 'verified' || copy.lastDrill?.ok === true) verified.add(entry.name);
  }
  return { verified, failedDrill };
}

function isBad(copy: CopyRecord): boolean {
  if (copy.lastDrill?.ok === false) return true;
  if (copy.state !== 'failed' && copy.state !== 'missing') return false;
  return !(copy.lastDrill?.ok === true && copy.lastDrill.at >= copy.at);
}
