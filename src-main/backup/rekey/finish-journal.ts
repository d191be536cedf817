/**
 * Finishing what a crashed passkey change left: for each `<name>.nvbak.rekey` journal, either the
 * header write it guards is done again (the journal is complete and still belongs to the file) or
 * the journal is dropped (incomplete, or the file is no longer the one it was made for). Either
 * way the file then opens with the old passkey or the new one: a header is only ever torn while
 * its complete journal is on disk (rekey-file.ts writes the journal, fsyncs it and its folder,
 * and only then touches the header).
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
import { lstatIfExists, retryingFs, unlinkIfExists, withFileRetry } from '../../fsx/retry';
import { BACKUP_EXTENSION } from '../backup-names';
import { FIXED_PART_BYTES, backupNameOfJournal, decodeJournal, readJournalBytes } from './rekey-journal';

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

async function readFixedPart(handle: FileHandle, path: string, retry: RetryOptions): Promise<Uint8Array> {
  const buffer = new Uint8Array(FIXED_PART_BYTES);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await withFileRetry(
      'read',
      path,
      () => handle.read(buffer, filled, buffer.length - filled, filled),
      retry,
    );
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

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
    await unlinkIfExists(journalPath, layer);
    return 'discarded';
  };
  if (journal === undefined) return discard();
  const backup = await openOwnFileNoFollow(backupPath, layer);
  if (backup === undefined) return discard();
  const matches = await useThenClose(backup, backupPath, retry, async (handle) => {
    const { size } = await handle.stat();
    const fixed = await readFixedPart(handle, backupPath, retry);
    if (size !== journal.fileSize || !fixed.every((byte, i) => byte === journal.header[i])) return false;
    await writeFully(handle, journal.header, 0, backupPath, retry);
    await syncHandle(handle, backupPath, retry);
    return true;
  });
  if (!matches) return discard();
  await unlinkIfExists(journalPath, layer);
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
