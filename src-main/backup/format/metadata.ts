import { z } from 'zod';
import { NoteVaultError } from '../../../src-shared/errors';
import { ABYTES, FORMAT_VERSION, FRAME_LENGTH_BYTES, HEADER_SIZE, MAX_CHUNK_SIZE } from './format-constants';

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
  const damaged = (detail: string): NoteVaultError => metadataDamaged(fileLabel, chunkOffset, detail);
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

/**
 * The fewest bytes one row of a SQLite table takes: a 2-byte cell pointer plus the cell,
 * which SQLite never makes smaller than 4 bytes (whatever the columns, rowid or not). So a
 * payload of N bytes cannot hold more than N / 6 notes. Measured: 8.2 bytes per row for a
 * one-column table of 200,000 rows; NoteVault's notes rows are far larger.
 */
export const MIN_BYTES_PER_NOTE = 6;

/**
 * The most payload bytes a file region of `bytes` bytes can carry: each frame adds a 4-byte
 * length and 17 bytes of authentication to at most MAX_CHUNK_SIZE bytes of plaintext, and
 * there is at least one (final) frame. Negative when not even an empty final frame fits.
 */
export function payloadCapacity(bytes: number): number {
  const perFrame = FRAME_LENGTH_BYTES + ABYTES;
  const fewestFrames = Math.max(1, Math.ceil(bytes / (perFrame + MAX_CHUNK_SIZE)));
  return bytes - fewestFrames * perFrame;
}

/**
 * Checks the metadata's claims against the file they came from, before anything sizes an
 * allocation, a free-space check or a display from them: the metadata is authentic, but its
 * writer may still have lied (or the file was cut short after it). `dataStart` is the offset
 * right after the metadata frame, `fileSize` the file's length.
 */
export function assertMetadataPlausible(
  metadata: BackupMetadata,
  where: { fileLabel: string; dataStart: number; fileSize: number },
): void {
  const { fileLabel, dataStart, fileSize } = where;
  const damaged = (detail: string): NoteVaultError => metadataDamaged(fileLabel, HEADER_SIZE, detail);
  const capacity = payloadCapacity(fileSize - dataStart);
  if (metadata.plaintextSize > capacity) {
    throw damaged(
      `records ${metadata.plaintextSize} bytes of data, but the file ends at byte offset ${fileSize}, ` +
        `which leaves room for ${capacity < 0 ? 'no data at all' : `at most ${capacity} bytes`}; ` +
        'the file was cut short or its metadata is wrong',
    );
  }
  if (metadata.noteCount * MIN_BYTES_PER_NOTE > metadata.plaintextSize) {
    throw damaged(
      `records ${metadata.noteCount} notes, more than ${metadata.plaintextSize} bytes of data can hold ` +
        `(at most ${Math.floor(metadata.plaintextSize / MIN_BYTES_PER_NOTE)})`,
    );
  }
}

function metadataDamaged(fileLabel: string, chunkOffset: number, detail: string): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup ${fileLabel} is damaged: its metadata (chunk 0 at byte offset ${chunkOffset}) ${detail}. ` +
      'Use another backup.',
  );
}
