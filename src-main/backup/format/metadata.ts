import { z } from 'zod';
import { NoteVaultError } from '../../../src-shared/errors';
import { ABYTES, FRAME_LENGTH_BYTES, MAX_CHUNK_SIZE } from './format-constants';
import { padme } from './v2/padme';
import { backupManifestSchema } from '../manifest/manifest-schema';

export const BACKUP_KINDS = ['manual', 'scheduled', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** The format versions whose metadata this NoteVault reads and writes. */
export type MetadataFormatVersion = 1 | 2;

/**
 * The first encrypted chunk: a UTF-8 JSON object, the same members in v1 and v2 (where
 * plaintextSize and plaintextSha256 describe the payload without its padding). Unknown
 * members are dropped rather than rejected so a later writer of the same version may add
 * informational fields without breaking readers.
 */
export const backupMetadataSchema = z.object({
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  appVersion: z.string().min(1).max(64),
  schemaVersion: z.int().nonnegative(),
  /** RFC 3339 UTC with a Z suffix, as Date.prototype.toISOString() writes it. */
  createdAt: z.iso.datetime(),
  noteCount: z.int().nonnegative(),
  plaintextSize: z.int().nonnegative(),
  /** SHA-256 of the whole plaintext payload, lowercase hex. */
  plaintextSha256: z.string().regex(/^[0-9a-f]{64}$/),
  kind: z.enum(BACKUP_KINDS),
  /**
   * Optional, written since issue #17 (docs/backup-format.md section 7): what the payload held,
   * for restore drills. Files without it stay valid; their drills check everything but this.
   */
  manifest: backupManifestSchema.optional(),
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
    manifest,
  } = checked.data;
  // Absent rather than null when there is none, so files without a manifest encode as before.
  const json = JSON.stringify({
    formatVersion,
    appVersion,
    schemaVersion,
    createdAt,
    noteCount,
    plaintextSize,
    plaintextSha256,
    kind,
    ...(manifest === undefined
      ? {}
      : {
          manifest: {
            notes: manifest.notes,
            attachments: manifest.attachments,
            notesDigest: manifest.notesDigest,
            attachmentsDigest: manifest.attachmentsDigest,
          },
        }),
  });
  return new TextEncoder().encode(json);
}

/**
 * Parses the decrypted first chunk. It already passed authentication, so anything wrong
 * here means a faulty writer, not a wrong passkey: BACKUP_DAMAGED. Its formatVersion must be
 * the header's (`headerVersion`): a v1 metadata chunk in a v2 file would otherwise be read
 * without the padding its payload carries.
 */
export function decodeMetadata(
  plaintext: Uint8Array,
  fileLabel: string,
  chunkOffset: number,
  headerVersion: MetadataFormatVersion,
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
  if (checked.data.formatVersion !== headerVersion) {
    throw damaged(
      `says formatVersion ${checked.data.formatVersion}, but the header says format version ${headerVersion}`,
    );
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
 * The bytes the data chunks of a backup carry for a payload of `plaintextSize` bytes: the
 * payload itself in v1, the payload and its Padmé padding in v2.
 */
export function storedPayloadSize(formatVersion: MetadataFormatVersion, plaintextSize: number): number {
  return formatVersion === 2 ? padme(plaintextSize) : plaintextSize;
}

/**
 * Checks the metadata's claims against the file they came from, before anything sizes an
 * allocation, a free-space check or a display from them: the metadata is authentic, but its
 * writer may still have lied (or the file was cut short after it). `metadataOffset` is where
 * the metadata frame starts (the header's length), `dataStart` the offset right after it,
 * `fileSize` the file's length.
 */
export function assertMetadataPlausible(
  metadata: BackupMetadata,
  where: { fileLabel: string; metadataOffset: number; dataStart: number; fileSize: number },
): void {
  const { fileLabel, metadataOffset, dataStart, fileSize } = where;
  const damaged = (detail: string): NoteVaultError => metadataDamaged(fileLabel, metadataOffset, detail);
  const capacity = payloadCapacity(fileSize - dataStart);
  const stored = storedPayloadSize(metadata.formatVersion, metadata.plaintextSize);
  if (stored > capacity) {
    const padded = stored === metadata.plaintextSize ? '' : ` (${stored} with its padding)`;
    throw damaged(
      `records ${metadata.plaintextSize} bytes of data${padded}, but the file ends at byte offset ${fileSize}, ` +
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
