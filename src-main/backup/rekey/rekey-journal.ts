/**
 * The journal of one in-place header rewrite (docs/backup-pipeline.md, "Changing the passkey").
 *
 * Before a v2 backup's header is overwritten at offset 0, the new header is put on disk beside it
 * as `<name>.nvbak.rekey`, so a crash in the middle of the header write (a torn header that opens
 * with neither passkey) is repaired by writing the journal's header again. Layout, little-endian:
 *
 *   8  magic "NVREKEY2"
 *   8  u64 size of the backup file (the rewrite never changes it)
 *   4  u32 header length H
 *   H  the old header, as the file held it before the write
 *   H  the new header (its first 36 bytes are the file's fixed part, which never changes)
 *  32  SHA-256 of everything before
 *
 * The old header is what lets recovery tell its own file from any other: it writes the new header
 * only where every byte on disk is the old one or the new one (a write torn anywhere between them).
 * A hash of the old header could not: a torn header mixes bytes of both, so the old header cannot
 * be rebuilt from the disk to be hashed. It holds nothing secret (the file itself held it).
 *
 * The journal is published with writeFileAtomic (owner-only partial, fsync, link into place,
 * fsync of the folder), so under its final name it is complete unless the disk lied; the
 * checksum catches that case. Publishing by link never replaces a journal that is already there:
 * another process is then rewriting the same file, and this one leaves it alone.
 */
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import { NoteVaultError } from '../../../src-shared/errors';
import { fsyncDirectory, writeFileAtomic } from '../../fsx/atomic-publish';
import type { FileHandle } from '../../fsx/fs-seam';
import { nodeFileSystem } from '../../fsx/fs-seam';
import type { FileLayerOptions } from '../../fsx/retry';
import { unlinkIfExists, withFileRetry } from '../../fsx/retry';

export const JOURNAL_SUFFIX = '.rekey';
const MAGIC = new TextEncoder().encode('NVREKEY2');
const CHECKSUM_BYTES = 32;
const PREFIX_BYTES = MAGIC.length + 8 + 4;
/** Bytes 0-35 of a v2 header: never changed by a rewrite (backup-format.md section 14). */
export const FIXED_PART_BYTES = 36;
/** A v2 header is at most 72 + 1024 bytes (section 17 step 4); a journal never needs more. */
export const MAX_JOURNAL_HEADER_BYTES = 72 + 1024;
export const MAX_JOURNAL_BYTES = PREFIX_BYTES + 2 * MAX_JOURNAL_HEADER_BYTES + CHECKSUM_BYTES;

export interface RekeyJournal {
  /** Size of the backup file the header belongs to. */
  fileSize: number;
  /** The header the file held before the write; as long as `header`. */
  oldHeader: Uint8Array;
  /** The complete new header, to be written at offset 0. */
  header: Uint8Array;
}

export function journalPathFor(backupPath: string): string {
  return `${backupPath}${JOURNAL_SUFFIX}`;
}

/** The backup a journal name belongs to, or undefined when the name is not a journal's. */
export function backupNameOfJournal(
  name: string,
  isBackupName: (name: string) => boolean,
): string | undefined {
  if (!name.endsWith(JOURNAL_SUFFIX)) return undefined;
  const backup = name.slice(0, -JOURNAL_SUFFIX.length);
  return isBackupName(backup) ? backup : undefined;
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

export function encodeJournal(journal: RekeyJournal): Uint8Array {
  const { fileSize, oldHeader, header } = journal;
  if (header.length < FIXED_PART_BYTES || header.length > MAX_JOURNAL_HEADER_BYTES) {
    throw new NoteVaultError('INTERNAL', `A rekey journal cannot hold a ${header.length}-byte header.`);
  }
  if (oldHeader.length !== header.length) {
    throw new NoteVaultError('INTERNAL', 'A rekey journal holds an old and a new header of one length.');
  }
  if (!Number.isSafeInteger(fileSize) || fileSize < header.length) {
    throw new NoteVaultError('INTERNAL', `A rekey journal cannot describe a ${fileSize}-byte file.`);
  }
  const bytes = new Uint8Array(PREFIX_BYTES + 2 * header.length + CHECKSUM_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(MAGIC, 0);
  view.setBigUint64(MAGIC.length, BigInt(fileSize), true);
  view.setUint32(MAGIC.length + 8, header.length, true);
  bytes.set(oldHeader, PREFIX_BYTES);
  bytes.set(header, PREFIX_BYTES + header.length);
  const end = PREFIX_BYTES + 2 * header.length;
  bytes.set(sha256(bytes.subarray(0, end)), end);
  return bytes;
}

/** The journal in `bytes`, or undefined when they are not a complete, intact journal. */
export function decodeJournal(bytes: Uint8Array): RekeyJournal | undefined {
  if (bytes.length < PREFIX_BYTES + 2 * FIXED_PART_BYTES + CHECKSUM_BYTES) return undefined;
  if (!MAGIC.every((byte, i) => bytes[i] === byte)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fileSize = Number(view.getBigUint64(MAGIC.length, true));
  const headerLength = view.getUint32(MAGIC.length + 8, true);
  if (headerLength < FIXED_PART_BYTES || headerLength > MAX_JOURNAL_HEADER_BYTES) return undefined;
  const end = PREFIX_BYTES + 2 * headerLength;
  if (bytes.length !== end + CHECKSUM_BYTES) return undefined;
  if (!Number.isSafeInteger(fileSize) || fileSize < headerLength) return undefined;
  const expected = sha256(bytes.subarray(0, end));
  if (!expected.every((byte, i) => bytes[end + i] === byte)) return undefined;
  return {
    fileSize,
    oldHeader: new Uint8Array(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength)),
    header: new Uint8Array(bytes.subarray(PREFIX_BYTES + headerLength, end)),
  };
}

/**
 * Puts the journal on disk durably (file and folder fsynced) under `journalPath`. Fails with IO
 * (EEXIST) when a journal is already there: another process is rewriting the same backup. With
 * `replace`, this process's own journal is replaced atomically (a rewrite being undone).
 */
export async function writeJournal(
  journalPath: string,
  journal: RekeyJournal,
  layer: FileLayerOptions,
  options: { replace?: boolean } = {},
): Promise<void> {
  await writeFileAtomic(journalPath, encodeJournal(journal), {
    ...layer,
    overwrite: options.replace ?? false,
    mode: 0o600,
  });
}

/**
 * Deletes a journal and fsyncs its folder, so a crash cannot bring back a journal whose header
 * write is already done or undone.
 */
export async function removeJournal(journalPath: string, layer: FileLayerOptions): Promise<void> {
  const fs = layer.fs ?? nodeFileSystem;
  await unlinkIfExists(journalPath, layer);
  await fsyncDirectory(dirname(journalPath), fs, { platform: fs.platform, ...layer.retry });
}

/**
 * Reads at most MAX_JOURNAL_BYTES + 1 bytes of an open journal: a larger file is not a journal,
 * and is never read whole.
 */
export async function readJournalBytes(
  handle: FileHandle,
  journalPath: string,
  layer: FileLayerOptions,
): Promise<Uint8Array> {
  const fs = layer.fs ?? nodeFileSystem;
  const retry = { platform: fs.platform, ...layer.retry };
  const buffer = new Uint8Array(MAX_JOURNAL_BYTES + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await withFileRetry(
      'read',
      journalPath,
      () => handle.read(buffer, filled, buffer.length - filled, filled),
      retry,
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
