import type { BackupMetadata } from '../../backup/format/metadata';

// Wording shared by the backup commands' results.

/** The metadata for --json: every field is already plain JSON. */
export function metadataForJson(metadata: BackupMetadata): Record<string, unknown> {
  return { ...metadata };
}

/** "made 2026-11-25T22:48:03.000Z by NoteVault 0.1.0 (manual backup)". */
export function describeOrigin(metadata: BackupMetadata): string {
  return `made ${metadata.createdAt} by NoteVault ${metadata.appVersion} (${metadata.kind} backup)`;
}
