import type { FileHandle } from 'node:fs/promises';
import { NoteVaultError } from '../../../src-shared/errors';
import {
  FORMAT_VERSION,
  HEADER_LAYOUT,
  HEADER_SIZE,
  MAGIC,
  SALT_BYTES,
  STREAM_HEADER_BYTES,
} from './format-constants';
import { assertKdfParamsWithinBounds } from './kdf';
import type { KdfParams } from './kdf';
import { openForReading, readUpTo } from './file-io';
import { decodeHeaderV2, headerV2Length } from './v2/header-v2';
import type { BackupHeaderV2 } from './v2/header-v2';
import { FORMAT_VERSION_V2, V2_HEADER_PREFIX_BYTES } from './v2/v2-constants';

export {
  ABYTES,
  DEFAULT_CHUNK_SIZE,
  FORMAT_VERSION,
  FRAME_LENGTH_BYTES,
  HEADER_LAYOUT,
  HEADER_SIZE,
  MAGIC,
  MAX_CHUNK_SIZE,
  MAX_FRAME_CIPHERTEXT,
} from './format-constants';

/** The cleartext start of a backup, readable without the passkey. */
export interface BackupHeader {
  formatVersion: 1;
  kdf: KdfParams;
  /** The secretstream header that `init_pull` needs. */
  streamHeader: Uint8Array;
  /** The exact header bytes as stored: the additional data of the first chunk. */
  bytes: Uint8Array;
}

export function encodeHeader(kdf: KdfParams, streamHeader: Uint8Array): Uint8Array {
  assertKdfParamsWithinBounds(kdf);
  if (streamHeader.length !== STREAM_HEADER_BYTES) {
    throw new NoteVaultError(
      'INTERNAL',
      `The secretstream header is ${streamHeader.length} bytes; expected ${STREAM_HEADER_BYTES}.`,
    );
  }
  const bytes = new Uint8Array(HEADER_SIZE);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, HEADER_LAYOUT.magic);
  view.setUint16(HEADER_LAYOUT.formatVersion, FORMAT_VERSION, true);
  view.setUint16(HEADER_LAYOUT.kdfAlgorithm, kdf.algorithm, true);
  view.setUint32(HEADER_LAYOUT.opslimit, kdf.opslimit, true);
  view.setBigUint64(HEADER_LAYOUT.memlimit, BigInt(kdf.memlimit), true);
  bytes.set(kdf.salt, HEADER_LAYOUT.salt);
  bytes.set(streamHeader, HEADER_LAYOUT.streamHeader);
  return bytes;
}

/**
 * Parses and checks the first bytes of a format-1 file (fewer than HEADER_SIZE if the file is
 * that short). It refuses a version-2 file as unsupported: readers use decodeAnyHeader. Checks
 * run in the order docs/backup-format.md gives, so each kind of bad file gets the same error
 * from every implementation.
 */
export function decodeHeaderV1(fileStart: Uint8Array, fileLabel: string): BackupHeader {
  const cutOff = (): NoteVaultError =>
    new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup ${fileLabel} is damaged: the file ends at byte offset ${fileStart.length}, inside the ` +
        `${HEADER_SIZE}-byte header (chunk index: none, the header comes before chunk 0). Use another backup.`,
    );
  const formatVersion = signatureVersion(fileStart, fileLabel, cutOff);
  if (formatVersion > FORMAT_VERSION) {
    throw new NoteVaultError(
      'BACKUP_UNSUPPORTED',
      `This backup was written in format version ${formatVersion}; this NoteVault reads version ` +
        `${FORMAT_VERSION}. Update NoteVault to open it.`,
    );
  }
  if (formatVersion === 0) throw versionZero(fileLabel);
  if (fileStart.length < HEADER_SIZE) throw cutOff();
  const view = new DataView(fileStart.buffer, fileStart.byteOffset, fileStart.byteLength);

  const kdf: KdfParams = {
    algorithm: view.getUint16(HEADER_LAYOUT.kdfAlgorithm, true),
    opslimit: view.getUint32(HEADER_LAYOUT.opslimit, true),
    // A u64 beyond 2^53 loses precision here but stays far above the cap, which is all
    // the bounds check needs.
    memlimit: Number(view.getBigUint64(HEADER_LAYOUT.memlimit, true)),
    salt: copyOf(fileStart, HEADER_LAYOUT.salt, SALT_BYTES),
  };
  assertKdfParamsWithinBounds(kdf, fileLabel);
  return {
    formatVersion: FORMAT_VERSION,
    kdf,
    streamHeader: copyOf(fileStart, HEADER_LAYOUT.streamHeader, STREAM_HEADER_BYTES),
    bytes: copyOf(fileStart, 0, HEADER_SIZE),
  };
}

/**
 * Section 8 steps 1-2, the same in every format version: the magic (else "not a backup"),
 * then the version field (else cut short). Returns the version.
 */
function signatureVersion(fileStart: Uint8Array, fileLabel: string, cutOff: () => NoteVaultError): number {
  const hasMagic = fileStart.length >= MAGIC.length && MAGIC.every((byte, i) => fileStart[i] === byte);
  if (!hasMagic) {
    throw new NoteVaultError(
      'NOT_A_BACKUP',
      `${fileLabel} is not a NoteVault backup: it does not start with the NoteVault backup signature. ` +
        'Choose a backup file made by NoteVault.',
    );
  }
  if (fileStart.length < HEADER_LAYOUT.formatVersion + 2) throw cutOff();
  return new DataView(fileStart.buffer, fileStart.byteOffset, fileStart.byteLength).getUint16(
    HEADER_LAYOUT.formatVersion,
    true,
  );
}

function versionZero(fileLabel: string): NoteVaultError {
  return new NoteVaultError(
    'BACKUP_DAMAGED',
    `The backup ${fileLabel} has an invalid header at byte offset ${HEADER_LAYOUT.formatVersion}: ` +
      'format version 0 does not exist. Use another backup.',
  );
}

/** A plain Uint8Array copy: on a Buffer, slice() would return a view into the read buffer. */
function copyOf(bytes: Uint8Array, start: number, length: number): Uint8Array {
  return new Uint8Array(bytes.subarray(start, start + length));
}

/** Reads and checks the format-1 header of an open file, or of bytes in memory (v2: readAnyHeader). */
export async function readHeaderV1(
  source: FileHandle | Uint8Array,
  fileLabel: string,
): Promise<BackupHeader> {
  if (source instanceof Uint8Array) return decodeHeaderV1(source, fileLabel);
  return decodeHeaderV1(await readUpTo(source, HEADER_SIZE, 0, fileLabel), fileLabel);
}

/** The format-1 header of the backup at `path` (refuses a v2 file: inspectAnyHeader reads both). */
export function inspectHeaderV1(path: string): Promise<BackupHeader> {
  return readFromPath(path, readHeaderV1);
}

/** A header of any version this NoteVault reads; `formatVersion` tells them apart. */
export type AnyBackupHeader = BackupHeader | BackupHeaderV2;

/** The version of a file whose first bytes are `fileStart`, after the checks every version shares. */
function anyVersion(fileStart: Uint8Array, fileLabel: string): number {
  const cutOff = (): NoteVaultError =>
    new NoteVaultError(
      'BACKUP_DAMAGED',
      `The backup ${fileLabel} is damaged: the file ends at byte offset ${fileStart.length}, inside the ` +
        'header (chunk index: none, the header comes before chunk 0). Use another backup.',
    );
  const formatVersion = signatureVersion(fileStart, fileLabel, cutOff);
  if (formatVersion > FORMAT_VERSION_V2) {
    throw new NoteVaultError(
      'BACKUP_UNSUPPORTED',
      `This backup was written in format version ${formatVersion}; this NoteVault reads versions ` +
        `${FORMAT_VERSION} and ${FORMAT_VERSION_V2}. Update NoteVault to open it.`,
    );
  }
  if (formatVersion === 0) throw versionZero(fileLabel);
  return formatVersion;
}

/**
 * Parses and checks the header of a backup of either version from the file's first bytes
 * (docs/backup-format.md section 8 steps 1-5, or section 17 steps 1-6 for version 2).
 */
export function decodeAnyHeader(fileStart: Uint8Array, fileLabel: string): AnyBackupHeader {
  return anyVersion(fileStart, fileLabel) === FORMAT_VERSION_V2
    ? decodeHeaderV2(fileStart, fileLabel)
    : decodeHeaderV1(fileStart, fileLabel);
}

/**
 * Reads the header of either version. A v2 header's length is in the file, so the first read
 * is 40 bytes, whose bounds (slot count, slot area of at most 1024 bytes) decide the second:
 * a hostile file can make NoteVault read at most 72 + 1024 bytes here.
 */
export async function readAnyHeader(
  source: FileHandle | Uint8Array,
  fileLabel: string,
): Promise<AnyBackupHeader> {
  if (source instanceof Uint8Array) return decodeAnyHeader(source, fileLabel);
  const start = await readUpTo(source, V2_HEADER_PREFIX_BYTES, 0, fileLabel);
  const length =
    anyVersion(start, fileLabel) === FORMAT_VERSION_V2 ? headerV2Length(start, fileLabel) : HEADER_SIZE;
  return decodeAnyHeader(await readUpTo(source, length, 0, fileLabel), fileLabel);
}

/** Header of the backup at `path`, of either version, without any secret. */
export function inspectAnyHeader(path: string): Promise<AnyBackupHeader> {
  return readFromPath(path, readAnyHeader);
}

async function readFromPath<T>(
  path: string,
  read: (handle: FileHandle, label: string) => Promise<T>,
): Promise<T> {
  const handle = await openForReading(path);
  try {
    return await read(handle, path);
  } finally {
    await handle.close();
  }
}
