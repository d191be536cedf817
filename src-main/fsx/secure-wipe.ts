/**
 * Overwrite-then-delete for plaintext temporary files (database snapshots before encryption).
 *
 * Honest limits. Overwriting a file in place is best effort, not sanitisation:
 * - On SSDs and other flash storage the controller writes new data to fresh pages and only later
 *   erases the old ones, so an overwrite through the file system does not reach the cells that held
 *   the plaintext. Wei et al. ("Reliably Erasing Data From Flash-Based Solid State Drives", FAST '11)
 *   found that no software technique for sanitising a single file was reliable on SSDs, and NIST
 *   SP 800-88 Rev. 1 accordingly treats media-level commands or cryptographic erase, not file
 *   overwrites, as the way to sanitise flash.
 * - Copy-on-write and snapshotting file systems (APFS, Btrfs, ZFS, ReFS; Volume Shadow Copies, Time
 *   Machine local snapshots) write the random bytes to new blocks and may keep the old ones.
 * - A cloud sync client or backup agent may already have copied the file.
 *
 * Why we still do it: on hard disks and ordinary in-place file systems (NTFS, ext4) it does destroy the
 * data; everywhere else it takes the plaintext out of the logical volume, so undelete and file-carving
 * tools run on the live disk no longer find it, and TRIM lets the drive erase the old pages sooner. The
 * real protections are elsewhere: plaintext files are short-lived, kept in a private folder, and
 * full-disk encryption (BitLocker, FileVault, LUKS) covers what overwriting cannot.
 *
 * The file is overwritten through a fixed 1 MiB buffer (memory does not grow with the file), fsynced,
 * closed explicitly (a handle left to the garbage collector keeps the file open for an unknown time,
 * the root of incident 1; and a file deleted while still open stays "delete pending" under its name on
 * Windows without POSIX delete semantics), renamed to a random name so the folder no longer shows the
 * original name, and deleted. Every step goes through the retry helper because each can meet a Windows
 * lock: open for writing (EBUSY if held exclusively), writes and fsync (EBUSY on a range another
 * process locked), rename and delete (EBUSY while held without share-delete); see retry.ts.
 */
import { randomFillSync } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from './fs-errors';
import type { Stats } from 'node:fs';
import type { FileHandle, FileSystem } from './fs-seam';
import { syncHandle, useThenClose, writeFully } from './handle-io';
import { nodeFileSystem } from './fs-seam';
import { anchorOf, noFollowFlags, sameEntry } from './no-follow';
import { TEMP_MARKER, wipeLeftoverName } from './private-temp';
import type { FileLayerOptions, RetryOptions } from './retry';
import { lstatIfExists, retryingFs, unlinkIfExists, withFileRetry } from './retry';

export const WIPE_CHUNK_BYTES = 1024 * 1024;

export interface SecureWipeOptions extends FileLayerOptions {
  /** Source of the overwrite bytes; must return exactly n bytes. Default: crypto random. */
  random?: (n: number) => Uint8Array;
}

const swapped = new WeakSet<object>();

/** Thrown when the entry opened is not the one looked at: it is left alone, neither written nor deleted. */
function swappedError(path: string): NoteVaultError {
  return remember(
    new NoteVaultError(
      'VALIDATION',
      `Left "${path}" alone: it changed while it was being wiped (replaced by a link or another file).`,
    ),
  );
}

function remember(error: NoteVaultError): NoteVaultError {
  swapped.add(error);
  return error;
}

/**
 * Overwrites the file at `path` (reached, maybe, through an anchored folder: no-follow.ts), which
 * `seen` describes. Resolves false without writing when the file has other names (hard links):
 * overwriting would destroy what those names show, so only this name is removed.
 */
async function overwriteWithRandom(
  io: FileSystem,
  path: string,
  seen: Stats,
  random: (n: number) => Uint8Array,
  retry: RetryOptions,
): Promise<boolean> {
  const handle = await io.open(path, noFollowFlags(io.platform, 'file'));
  return useThenClose(handle, path, retry, async () => {
    // Size from the open handle, not an earlier lstat: it is the length we are about to overwrite.
    const opened = await withFileRetry('read the size of', path, () => handle.stat(), retry);
    if (!opened.isFile() || !sameEntry(opened, seen)) throw swappedError(path);
    if (opened.nlink > 1) return false;
    const { size } = opened;
    for (let offset = 0; offset < size;) {
      const length = Math.min(WIPE_CHUNK_BYTES, size - offset);
      const bytes = random(length);
      if (bytes.length !== length) {
        throw new NoteVaultError(
          'INTERNAL',
          `The wipe byte source returned ${bytes.length} bytes instead of ${length}.`,
        );
      }
      await writeFully(handle, bytes, offset, path, retry);
      offset += length;
    }
    await syncHandle(handle, path, retry);
    return true;
  });
}

function unwipedError(error: unknown, deleted: boolean): unknown {
  if (!(error instanceof NoteVaultError)) return error;
  const outcome = deleted
    ? ' The file was deleted without being overwritten, so its contents may still be recoverable from the drive.'
    : ' The file could not be deleted either and is still on disk; the clean-up when NoteVault next starts will try again.';
  return new NoteVaultError(error.code, `${error.message}${outcome}`, { cause: error.cause ?? error });
}

function cryptoRandomSource(): (n: number) => Uint8Array {
  const scratch = Buffer.allocUnsafe(WIPE_CHUNK_BYTES);
  return (n) => randomFillSync(scratch.subarray(0, n));
}

/**
 * Overwrites `path` with random bytes, then renames and deletes it. A missing file is a no-op. A
 * symbolic link is removed without following it (overwriting through it would destroy its target).
 * If the overwrite fails (e.g. FILE_LOCKED after the retry budget) the file is still deleted if
 * possible and the error is thrown anyway, saying whether the unwiped file is gone or still there.
 */
export async function secureWipe(path: string, options: SecureWipeOptions = {}): Promise<void> {
  return wipeFileAt(path, path, options);
}

/** secureWipe of the file reached through `at` (an anchored path, no-follow.ts), named `path` in messages. */
async function wipeFileAt(at: string, path: string, options: SecureWipeOptions): Promise<void> {
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  const layer: FileLayerOptions = { fs, retry };
  const io = retryingFs(fs, retry);

  const info = await lstatIfExists(at, layer);
  if (!info) return;
  if (info.isSymbolicLink()) return unlinkIfExists(at, layer);
  if (!info.isFile()) {
    throw new NoteVaultError('VALIDATION', `Cannot securely wipe "${path}": it is not a regular file.`);
  }

  const random = options.random ?? cryptoRandomSource();
  try {
    await overwriteWithRandom(io, at, info, random, retry);
  } catch (error) {
    if (underlyingCode(error) === 'ENOENT') return; // someone else removed it meanwhile: nothing to wipe
    // A link (ELOOP from O_NOFOLLOW) or another file in its place: not ours to wipe or delete.
    if (underlyingCode(error) === 'ELOOP') throw swappedError(path);
    if (error instanceof NoteVaultError && swapped.has(error)) throw error;
    const deleted = await unlinkIfExists(at, layer).then(
      () => true,
      () => false,
    );
    throw unwipedError(error, deleted);
  }

  // The content is gone now; hiding the name is the last, lesser step. If the rename cannot be done
  // (locked beyond the budget) we still delete under the original name rather than leave the file.
  let current = at;
  const hidden = join(dirname(at), wipeLeftoverName());
  try {
    await io.rename(at, hidden);
    current = hidden;
  } catch (error) {
    if (underlyingCode(error) === 'ENOENT') return;
  }
  await unlinkIfExists(current, layer);
}

/**
 * Securely wipes every file below a private temp folder (see private-temp.ts) and removes the folder.
 * Refuses any folder whose name lacks the private-temp marker, so a wrong path can never wipe a
 * person's documents. Keeps going past a file it cannot wipe, then throws the first failure.
 */
export async function secureWipeDirectory(dir: string, options: SecureWipeOptions = {}): Promise<void> {
  if (!basename(dir).startsWith(TEMP_MARKER.privateDirPrefix)) {
    throw new NoteVaultError(
      'VALIDATION',
      `Refusing to wipe "${dir}": only NoteVault's private temporary folders (named "${TEMP_MARKER.privateDirPrefix}...") are wiped this way.`,
    );
  }
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  const info = await lstatIfExists(dir, { fs, retry });
  if (!info) return;
  if (!info.isDirectory()) {
    throw new NoteVaultError(
      'VALIDATION',
      `Refusing to wipe "${dir}": it is not a folder (or it is a link to one).`,
    );
  }
  const failures: unknown[] = [];
  await wipeTree(dir, dir, info, { ...options, fs, retry }, failures);
  if (failures.length > 0) {
    const first = failures[0];
    if (failures.length === 1 || !(first instanceof NoteVaultError)) throw first;
    throw new NoteVaultError(
      first.code,
      `${first.message} (${failures.length - 1} more item(s) in "${dir}" could not be wiped either.)`,
      { cause: first.cause ?? first },
    );
  }
}

/**
 * Wipes the folder reached through `at` (named `dir` in messages), which `seen` describes: opened
 * without following a link and confirmed to be that folder, then walked through its open handle
 * where the platform allows (no-follow.ts), so nothing outside it is ever reached.
 */
async function wipeTree(
  at: string,
  dir: string,
  seen: Stats,
  options: SecureWipeOptions,
  failures: unknown[],
): Promise<void> {
  const io = retryingFs(options.fs, options.retry);
  const platform = io.platform;
  let handle: FileHandle | undefined;
  try {
    // Windows: no O_NOFOLLOW and folders are not opened as files; links there need a privilege.
    if (platform !== 'win32') {
      handle = await io.open(at, noFollowFlags(platform, 'folder'));
      const opened = await handle.stat();
      if (!opened.isDirectory() || !sameEntry(opened, seen)) throw swappedError(dir);
    }
  } catch (error) {
    await handle?.close().catch(() => undefined);
    failures.push(
      underlyingCode(error) === 'ELOOP' || underlyingCode(error) === 'ENOTDIR' ? swappedError(dir) : error,
    );
    return;
  }
  try {
    const base = handle === undefined ? at : anchorOf(handle, at, platform);
    // Where the walk goes by path, the folder must still be the one opened before each step.
    const stillThere = async () => {
      if (base !== at) return;
      const now = await lstatIfExists(at, options);
      if (!now?.isDirectory() || !sameEntry(now, seen)) throw swappedError(dir);
    };
    const before = failures.length;
    let names: string[];
    try {
      names = await io.readdir(base);
    } catch (error) {
      failures.push(error);
      return;
    }
    for (const name of names) {
      try {
        await stillThere();
        const entry = await lstatIfExists(join(base, name), options);
        if (entry?.isDirectory()) await wipeTree(join(base, name), join(dir, name), entry, options, failures);
        else if (entry) await wipeFileAt(join(base, name), join(dir, name), options); // links just removed
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === before) {
      await stillThere();
      await handle?.close();
      handle = undefined;
      await io.rmdir(at).catch((error: unknown) => failures.push(error));
    }
  } catch (error) {
    failures.push(error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
