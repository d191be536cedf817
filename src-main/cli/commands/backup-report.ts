import type { BackupMetadata } from '../../backup/format/metadata';

// Wording shared by the backup commands' results.

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export function describeSize(bytes: number): string {
  if (bytes < 1000) return plural(bytes, 'byte');
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** The metadata for --json: every field is already plain JSON. */
export function metadataForJson(metadata: BackupMetadata): Record<string, unknown> {
  return { ...metadata };
}

/** "made 2026-11-25T22:48:03.000Z by NoteVault 0.1.0 (manual backup)". */
export function describeOrigin(metadata: BackupMetadata): string {
  return `made ${metadata.createdAt} by NoteVault ${metadata.appVersion} (${metadata.kind} backup)`;
}
