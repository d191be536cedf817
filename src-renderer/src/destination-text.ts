import { formatAgo, formatBytes, formatCount } from '../../src-shared/format';
import type { BackupCopyView } from '../../src-shared/ipc/contract-schedule';

/** The cloud-sync clients' names as people know them (src-main/fsx/cloud-sync-folder.ts detects them). */
export const CLOUD_SYNC_LABELS: Record<string, string> = {
  onedrive: 'OneDrive',
  dropbox: 'Dropbox',
  'google-drive': 'Google Drive',
  'icloud-drive': 'iCloud Drive',
};

/** One copy of a backup in another destination: "Copied and checked 2 hours ago", or what went wrong. */
export function copyText(copy: Pick<BackupCopyView, 'state' | 'at' | 'message'>, now: number): string {
  switch (copy.state) {
    case 'verified':
      return `Copied and checked ${formatAgo(copy.at, now)}`;
    case 'pending':
      return copy.message ?? 'Waiting to be copied';
    case 'missing':
      return copy.message ?? 'Not copied: the folder could not be reached; it is copied when it is back.';
    case 'failed':
      return `Copy failed: ${copy.message ?? 'NoteVault did not say why.'}`;
  }
}

/** What the retention preview says of the next clean-up, as main computed it (backups:retentionPreview). */
export interface RetentionPreviewFacts {
  delete: readonly unknown[];
  freedBytes: number;
  capBytes: number | null;
  overCap: boolean;
}

/** "Next clean-up removes 4 backups, 1.2 GB, to stay under 5.0 GB", or that it removes nothing. */
export function retentionPreviewText(preview: RetentionPreviewFacts): string {
  const count = preview.delete.length;
  const limit = preview.capBytes === null ? '' : `, to stay under ${formatBytes(preview.capBytes)}`;
  if (count === 0) {
    return preview.overCap && preview.capBytes !== null
      ? `The backups here take more than ${formatBytes(preview.capBytes)}, but the ones left must be kept (the newest checked backup and recent backups made before a restore); raise the limit or add room.`
      : 'Next clean-up removes nothing.';
  }
  const removed = `Next clean-up removes ${formatCount(count, 'backup')}, ${formatBytes(preview.freedBytes)}`;
  return preview.overCap && preview.capBytes !== null
    ? `${removed}, but the backups it must keep still take more than ${formatBytes(preview.capBytes)}; raise the limit or add room.`
    : `${removed}${limit}.`;
}
