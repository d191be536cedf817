import { z } from 'zod';
import { NoteVaultError } from '../../../src-shared/errors';
import { FORMAT_VERSION } from './format-constants';

export const BACKUP_KINDS = ['manual', 'scheduled', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/**
 * The first encrypted chunk: a UTF-8 JSON object. Unknown members are dropped rather than
 * rejected so a later v1 writer may add informational fields without breaking readers.
 */
export const backupMetadataSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string().min(1).max(64),
  schemaVersion: z.int().nonnegative(),
  /** RFC 3339 UTC with a Z suffix, as Date.prototype.toISOString() writes it. */
  createdAt: z.iso.datetime(),
  noteCount: z.int().nonnegative(),
  plaintextSize: z.int().nonnegative(),
  /** SHA-256 of the whole plaintext payload, lowercase hex. */
  plaintextSha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(BACKUP_KINDS),
});

export type BackupMetadata = z.infer<typeof backupMetadataSchema>;

/** What the caller knows before encrypting; the writer fills in the rest from the payload. */
export type BackupMetadataInput = Omit<BackupMetadata, 'formatVersion' | 'plaintextSize' | 'plaintextSha256'>;

export function encodeMetadata(metadata: BackupMetadata): Uint8Array {
  const checked = backupMetadataSchema.safeParse(metadata);
  if (!checked.success) {
    throw new NoteVaultError(
      'VALIDATION',
      `The backup metadata is invalid: ${z.prettifyError(checked.error)}`,
    );
  }
  // Fixed member order keeps backups of the same data byte-comparable before encryption.
  const {
    formatVersion,
    appVersion,
    schemaVersion,
    createdAt,
    noteCount,
    plaintextSize,
    plaintextSha256,
    kind,
  } = checked.data;
  const json = JSON.stringify({
    formatVersion,
    appVersion,
    schemaVersion,
    createdAt,
    noteCount,
    plaintextSize,
    plaintextSha256,
    kind,
  });
  return new TextEncoder().encode(json);
}

/**
 * Parses the decrypted first chunk. It already passed authentication, so anything wrong
 * here means a faulty writer, not a wrong passkey: BACKUP_DAMAGED.
 */
export function decodeMetadata(
  plaintext: Uint8Array,
  fileLabel: string,
  chunkOffset: number,
): BackupMetadata {
  const damaged = (detail: string): NoteVaultError =>
    new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup ${fileLabel} is damaged: its metadata (chunk 0 at byte offset ${chunkOffset}) ${detail}. ` +
        'Use another backup.',
    );
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(plaintext));
  } catch {
    throw damaged('is not valid UTF-8 JSON');
  }
  const checked = backupMetadataSchema.safeParse(value);
  if (!checked.success) {
    throw damaged(`has invalid fields: ${z.prettifyError(checked.error).replace(/\n/g, ' ')}`);
  }
  return checked.data;
}
