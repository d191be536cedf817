/**
 * Finishing what a crashed passkey change left: for each `<name>.nvbak.rekey` journal, either the
 * header write it guards is done again (the journal is complete, its new header is a whole v2
 * header, and the file still holds that header's old version, the new one, or a write torn
 * between them, at the journal's size) or the journal is dropped (incomplete, or the file is no
 * longer the one it was made for: a journal planted for another file or another header never
 * writes). Either way the file then opens with the old passkey or the new one: a header is only
 * ever torn while its complete journal is on disk (rekey-file.ts writes the journal, fsyncs it and
 * its folder, and only then touches the header). A journal is removed with an fsync of its folder.
 * A file with other hard links is never written (that would change its other names too): it is
 * reported, and its journal kept.
 *
 * Run by the start-up sweep (startup-sweep.ts) over the backup folders, and at the start of every
 * passkey change. Like the sweep it never follows a link (lstat, O_NOFOLLOW, and the opened
 * handle's dev/inode must be the lstat's) and leaves entries of other users alone. Rewriting a
 * header another process is writing at the same moment is harmless: both write the same bytes.
 */
import { join, resolve } from 'node:path';
import type { ErrorCode } from '../../../src-shared/errors';
import { NoteVaultError } from '../../../src-shared/errors';
import { underlyingCode } from '../../fsx/fs-errors';
import type { FileHandle } from '../../fsx/fs-seam';
import { nodeFileSystem } from '../../fsx/fs-seam';
import { syncHandle, useThenClose, writeFully } from '../../fsx/handle-io';
import { currentUid, noFollowFlags, sameEntry } from '../../fsx/no-follow';
import type { FileLayerOptions, RetryOptions } from '../../fsx/retry';
import { lstatIfExists, retryingFs } from '../../fsx/retry';
import { BACKUP_EXTENSION } from '../backup-names';
import { readInto } from '../format/file-io';
import { decodeHeaderV2, headerV2Length } from '../format/v2/header-v2';
import type { RekeyJournal } from './rekey-journal';
import {
  FIXED_PART_BYTES,
  backupNameOfJournal,
  decodeJournal,
  readJournalBytes,
  removeJournal,
} from './rekey-journal';

export type JournalOutcome =
  /** The journal's header was written to the backup; the journal is gone. */
  | 'finished'
  /** The journal was incomplete or no longer matched its backup: removed, the backup untouched. */
  | 'discarded'
  /** A link, not a file, another user's, or already gone: left alone. */
  | 'skipped';

export interface JournalRecoveryReport {
  finished: string[];
  discarded: string[];
  failures: { path: string; code: ErrorCode; message: string }[];
}

/** Every `.nvbak` file counts, whatever its name: a passkey change rewrites them all. */
export function isRekeyableName(name: string): boolean {
  return name.endsWith(BACKUP_EXTENSION) && name.length > BACKUP_EXTENSION.length;
}

interface Layer {
  layer: FileLayerOptions;
  retry: RetryOptions;
  platform: NodeJS.Platform;
}

function layerOf(options: FileLayerOptions): Layer {
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  return { layer: { fs, retry }, retry, platform: fs.platform };
}

/**
 * Opens an existing regular file of the current user for reading and writing without following a
 * link; undefined when it is gone, a link, not a regular file or someone else's.
 */
export async function openOwnFileNoFollow(
  path: string,
  options: FileLayerOptions,
): Promise<FileHandle | undefined> {
  const { layer, platform } = layerOf(options);
  const seen = await lstatIfExists(path, layer);
  if (seen === undefined || !seen.isFile()) return undefined;
  const uid = currentUid(platform);
  if (uid !== undefined && seen.uid !== uid) return undefined;
  let handle: FileHandle;
  try {
    handle = await retryingFs(layer.fs, layer.retry).open(path, noFollowFlags(platform, 'file'));
  } catch (error) {
    // ELOOP: swapped for a link since the lstat. ENOENT: removed meanwhile.
    if (['ELOOP', 'ENOENT'].includes(underlyingCode(error) ?? '')) return undefined;
    throw error;
  }
  const opened = await handle.stat().catch(async (error: unknown) => {
    await handle.close().catch(() => undefined);
    throw error;
  });
  if (!sameEntry(seen, opened)) {
    await handle.close().catch(() => undefined);
    return undefined;
  }
  return handle;
}

/** A new header recovery may write: a v2 header whose own length field says exactly its length. */
function isWholeV2Header(header: Uint8Array, label: string): boolean {
  try {
    return decodeHeaderV2(header, label).headerLength === header.length;
  } catch (error) {
    if (error instanceof NoteVaultError) return false;
    throw error;
  }
}

/**
 * Whether the file's first bytes are the journal's old header, its new one, or a write torn
 * anywhere between them: every byte the old one's or the new one's. Anything else is another
 * file's or another change's header, never to be overwritten. The header length the disk's own
 * bytes give must be the journal's too (old and new agree on it, so even a torn header keeps it).
 */
function isOldNewOrTorn(onDisk: Uint8Array, journal: RekeyJournal, label: string): boolean {
  const { oldHeader, header } = journal;
  if (onDisk.length !== header.length) return false;
  // The fixed part (the file's random stream header) is never rewritten: both must have the disk's.
  for (let i = 0; i < FIXED_PART_BYTES; i++)
    if (onDisk[i] !== header[i] || onDisk[i] !== oldHeader[i]) return false;
  if (!onDisk.every((byte, i) => byte === oldHeader[i] || byte === header[i])) return false;
  try {
    return headerV2Length(onDisk, label) === header.length;
  } catch (error) {
    if (error instanceof NoteVaultError) return false;
    throw error;
  }
}

type Verdict = 'written' | 'foreign' | 'linked';

/** Finishes or discards one journal (see the module comment). */
export async function finishRekeyJournal(
  journalPath: string,
  backupPath: string,
  options: FileLayerOptions = {},
): Promise<JournalOutcome> {
  const { layer, retry } = layerOf(options);
  const journalHandle = await openOwnFileNoFollow(journalPath, layer);
  if (journalHandle === undefined) return 'skipped';
  const journal = decodeJournal(
    await useThenClose(journalHandle, journalPath, retry, (h) => readJournalBytes(h, journalPath, layer)),
  );
  const discard = async (): Promise<JournalOutcome> => {
    await removeJournal(journalPath, layer);
    return 'discarded';
  };
  if (journal === undefined || !isWholeV2Header(journal.header, journalPath)) return discard();
  const backup = await openOwnFileNoFollow(backupPath, layer);
  if (backup === undefined) return discard();
  const verdict = await useThenClose(backup, backupPath, retry, async (handle): Promise<Verdict> => {
    const { size, nlink } = await handle.stat();
    // Written in place, a header would change every other name of the file too, wherever it is.
    if (nlink > 1) return 'linked';
    if (size !== journal.fileSize) return 'foreign';
    const onDisk = new Uint8Array(journal.header.length);
    const read = await readInto(handle, onDisk, 0, backupPath);
    if (!isOldNewOrTorn(onDisk.subarray(0, read), journal, backupPath)) return 'foreign';
    await writeFully(handle, journal.header, 0, backupPath, retry);
    await syncHandle(handle, backupPath, retry);
    return 'written';
  });
  if (verdict === 'linked') {
    throw new NoteVaultError(
      'IO',
      `${backupPath} has other names (hard links), so NoteVault did not finish changing its passkey: remove its other names, then start NoteVault again.`,
      { details: `nlink > 1; journal ${journalPath} kept` },
    );
  }
  if (verdict === 'foreign') return discard();
  await removeJournal(journalPath, layer);
  return 'finished';
}

/** Finishes or discards every journal at the top level of `folders`; never stops at a failure. */
export async function recoverRekeyJournals(
  folders: readonly string[],
  options: FileLayerOptions = {},
): Promise<JournalRecoveryReport> {
  const { layer } = layerOf(options);
  const io = retryingFs(layer.fs, layer.retry);
  const report: JournalRecoveryReport = { finished: [], discarded: [], failures: [] };
  for (const folder of [...new Set(folders.map((f) => resolve(f)))]) {
    let names: string[];
    try {
      names = await io.readdir(folder);
    } catch (error) {
      if (underlyingCode(error) !== 'ENOENT') report.failures.push(failureOf(folder, error));
      continue;
    }
    for (const name of names.sort()) {
      const backupName = backupNameOfJournal(name, isRekeyableName);
      if (backupName === undefined) continue;
      const journalPath = join(folder, name);
      try {
        const outcome = await finishRekeyJournal(journalPath, join(folder, backupName), layer);
        if (outcome === 'finished') report.finished.push(journalPath);
        if (outcome === 'discarded') report.discarded.push(journalPath);
      } catch (error) {
        report.failures.push(failureOf(journalPath, error));
      }
    }
  }
  return report;
}

function failureOf(path: string, error: unknown): JournalRecoveryReport['failures'][number] {
  if (error instanceof NoteVaultError) return { path, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { path, code: 'INTERNAL', message: `Could not finish the passkey change of "${path}": ${message}` };
}
