/**
 * Copying a finished, verified backup into another folder: an extra destination, or a cloud-sync
 * folder (OneDrive, Dropbox, ...) when the backup was written in local staging first.
 *
 * Recipe, chosen for folders a sync client watches:
 * - The bytes go to a partial in the destination (`ownedPartialPath`: the owner is in the name, so
 *   the sweep tells a crashed run's partial from a live one), created exclusively ('wx', never
 *   through a planted name), hashed while they are copied, and published by atomic-publish.ts's
 *   publishFile without replacing (fsync, move to the final name, fsync the folder). The partial
 *   sits in the same folder, so the move never crosses volumes.
 * - How it is moved: on POSIX, publishFile's hard link (fails with EEXIST, so an existing file is
 *   never replaced, even one that appeared a moment ago) and the partial's name removed. In a
 *   folder a sync client watches (`syncedFolder`) and on Windows, one rename instead: a hard link
 *   makes the client see two names for one file (it uploads both, or refuses: OneDrive's cloud
 *   filter does not support links), and on Windows a client holding the new file without
 *   FILE_SHARE_DELETE blocks removing either name, which would leave the partial behind; Windows
 *   cannot tell us every synced folder (a locally available OneDrive folder carries no attribute).
 *   There "never replace" is a check just before the rename: a file that appears at that name in
 *   between would be replaced, which only another copy of the same backup could do.
 * - The source is hashed as it is read: a source that is not the bytes the caller verified
 *   (`expectedSha256`) is never published anywhere.
 * - After publishing, the whole final file is read again and hashed. A copy that differs is deleted
 *   only if the final name is still the very file this call wrote (same volume and file id): a
 *   sync client or a person may have put another file there, and that one is not ours to delete.
 * - Every step retries Windows lock errors within the usual budget (retry.ts): a sync client opens
 *   a new file right after it appears, often without FILE_SHARE_DELETE, which blocks the rename of
 *   the partial (EBUSY) until it lets go.
 * - Only the partial and the copy this call made are ever renamed or deleted; never a folder, and
 *   never an existing file with the final name (same bytes there = already copied).
 */
import { createHash } from 'node:crypto';
import { join, posix, win32 } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type { Stats } from 'node:fs';
import { publishFile } from './atomic-publish';
import { sha256OfFile } from './file-sha256';
import type { FileDigest } from './file-sha256';
import { underlyingCode } from './fs-errors';
import type { FileHandle } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { useThenClose, writeFully } from './handle-io';
import { ownedPartialPath } from './partial-names';
import type { FileLayerOptions, RetryOptions } from './retry';
import { lstatIfExists, retryingFs, unlinkIfExists, withFileRetry } from './retry';

/**
 * How long after a copy into a cloud-sync folder its hash is checked again (recheckCopy). Sync
 * clients upload a new file within seconds to minutes; a client that truncates it, swaps in a
 * "conflicted copy" or makes it a placeholder does so while it syncs. Ten minutes lets that finish
 * for a backup of a few hundred MB on a slow uplink; the next restore drill checks it again anyway.
 */
export const COPY_SETTLE_DELAY_MS = 10 * 60 * 1000;

const COPY_BLOCK_BYTES = 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface CopyIntoOptions extends FileLayerOptions {
  /** Hex SHA-256 of the whole backup file as written and read back (the catalogue's fileSha256). */
  expectedSha256: string;
  /** Aborting stops the copy (CANCELLED) and removes the partial. */
  signal?: AbortSignal;
  /** A sync client watches the folder (detectCloudSyncFolder said so): publish by rename, no hard link. */
  syncedFolder?: boolean;
}

export interface CopiedBackup {
  /** Full path of the copy in the destination. */
  file: string;
  /** SHA-256 of the copy, read back from the destination after it was published. */
  sha256: string;
  size: number;
  /** True when the destination already held the same bytes under that name (nothing was written). */
  alreadyThere: boolean;
}

export type RecheckResult =
  | { state: 'verified'; sha256: string; size: number }
  | { state: 'missing'; message: string; details: string }
  | { state: 'failed'; sha256: string; size: number; message: string; details: string };

function checkArguments(name: string, expectedSha256: string): void {
  const plain =
    name !== '' &&
    name !== '.' &&
    name !== '..' &&
    !name.includes('\0') &&
    posix.basename(name) === name &&
    win32.basename(name) === name;
  if (!plain) throw new NoteVaultError('VALIDATION', `"${name}" is not a plain file name.`);
  if (!SHA256_HEX.test(expectedSha256)) {
    throw new NoteVaultError('VALIDATION', 'The expected SHA-256 must be 64 lowercase hex digits.');
  }
}

function cancelled(name: string): NoteVaultError {
  return new NoteVaultError('CANCELLED', `The copy of "${name}" was cancelled.`);
}

/**
 * The folder must exist and be a folder. An unreachable one (unplugged drive, removed folder) fails
 * with IO whose cause is the system error itself, so a caller can tell ENOENT/ENODEV/EIO apart.
 */
async function requireFolder(folder: string, layer: Required<FileLayerOptions>): Promise<void> {
  let isFolder: boolean;
  try {
    isFolder = (await retryingFs(layer.fs, layer.retry).stat(folder)).isDirectory();
  } catch (error) {
    if (error instanceof NoteVaultError && (error.code === 'FILE_LOCKED' || error.code === 'CANCELLED')) {
      throw error;
    }
    throw new NoteVaultError(
      'IO',
      `The folder "${folder}" cannot be reached: check that its drive is connected and the folder still exists.`,
      {
        cause: error instanceof NoteVaultError ? error.cause : error,
        details: `${underlyingCode(error) ?? 'unknown error'}: ${String(error)}`,
      },
    );
  }
  if (!isFolder) {
    throw new NoteVaultError('IO', `"${folder}" is not a folder: choose a folder for the backups.`, {
      cause: Object.assign(new Error(`ENOTDIR: not a directory, '${folder}'`), { code: 'ENOTDIR' }),
    });
  }
}

/**
 * What is already at the final name: nothing (undefined), the same backup (the copy is done), or
 * something else, which is never replaced.
 */
async function alreadyThere(
  file: string,
  name: string,
  folder: string,
  expectedSha256: string,
  options: Required<FileLayerOptions> & { signal?: AbortSignal },
): Promise<CopiedBackup | undefined> {
  const seen = await lstatIfExists(file, options);
  if (seen === undefined) return undefined;
  if (!seen.isFile()) {
    throw new NoteVaultError(
      'IO',
      `Something other than a backup is named "${name}" in "${folder}": move it away so the backup can be copied there.`,
    );
  }
  const digest = await sha256OfFile(file, options);
  if (digest.sha256 === expectedSha256) return { file, ...digest, alreadyThere: true };
  throw new NoteVaultError(
    'BACKUP_DAMAGED',
    `A different file named "${name}" is already in "${folder}" (a changed copy of this backup, or another file), and NoteVault never replaces a file: move it away, then copy the backup again.`,
    { details: describeDifference(file, expectedSha256, digest) },
  );
}

function describeDifference(file: string, expectedSha256: string, found: FileDigest): string {
  return `${file}: SHA-256 ${found.sha256} (${found.size} bytes), expected ${expectedSha256}`;
}

/** Creates our partial; one left by this same thread earlier (its clean-up failed) is removed first. */
async function createPartial(partial: string, layer: Required<FileLayerOptions>): Promise<FileHandle> {
  const io = retryingFs(layer.fs, layer.retry);
  try {
    return await io.open(partial, 'wx', 0o600);
  } catch (error) {
    if (underlyingCode(error) !== 'EEXIST') throw error;
  }
  await unlinkIfExists(partial, layer);
  return io.open(partial, 'wx', 0o600);
}

/** What was written: the bytes' digest, and which file on which volume holds them. */
interface WrittenPartial extends FileDigest {
  identity: Pick<Stats, 'dev' | 'ino'>;
}

/** Copies `source` into `partial` block by block (publishFile fsyncs it) and returns its digest. */
async function copyToPartial(
  source: string,
  partial: string,
  name: string,
  layer: Required<FileLayerOptions>,
  signal: AbortSignal | undefined,
): Promise<WrittenPartial> {
  const io = retryingFs(layer.fs, layer.retry);
  const { retry } = layer;
  const input = await io.open(source, 'r');
  return useThenClose(input, source, retry, async (src) => {
    const output = await createPartial(partial, layer);
    return useThenClose(output, partial, retry, async (dst) => {
      const hash = createHash('sha256');
      const block = new Uint8Array(COPY_BLOCK_BYTES);
      let size = 0;
      for (;;) {
        if (signal?.aborted) throw cancelled(name);
        const { bytesRead } = await withFileRetry(
          'read',
          source,
          () => src.read(block, 0, block.length, size),
          retry,
        );
        if (bytesRead === 0) break;
        hash.update(block.subarray(0, bytesRead));
        await writeFully(dst, block.subarray(0, bytesRead), size, partial, retry);
        size += bytesRead;
      }
      const { dev, ino } = await dst.stat();
      return { sha256: hash.digest('hex'), size, identity: { dev, ino } };
    });
  });
}

/**
 * Copies the backup `source` into `folder` as `name` (see the module comment). Resolves with the
 * copy's path and its SHA-256 as read back from the destination.
 *
 * Fails with: VALIDATION (bad name or hash), IO (folder unreachable: the cause carries ENOENT,
 * ENODEV, EIO...; or something that is not a file has the name), BACKUP_DAMAGED (the source is not
 * the verified backup; the copy read back differs and was deleted; a different file has the name),
 * FILE_LOCKED (a lock outlasted the retry budget), DISK_FULL, CANCELLED. After a failure no partial
 * of this call remains, unless a lock kept even its removal from happening (the sweep removes it).
 */
export async function copyBackupInto(
  source: string,
  folder: string,
  name: string,
  options: CopyIntoOptions,
): Promise<CopiedBackup> {
  try {
    return await copyInto(source, folder, name, options);
  } catch (error) {
    throw explainLock(error, name, folder);
  }
}

/**
 * A lock that outlasted the budget, said for the person who reads a destination's status: which
 * backup, which folder, who usually holds it and what happens next. The file layer's own sentence
 * (which step, which file, how long) goes to `details`; the cause stays the system error.
 */
function explainLock(error: unknown, name: string, folder: string): unknown {
  if (!(error instanceof NoteVaultError) || error.code !== 'FILE_LOCKED') return error;
  return new NoteVaultError(
    'FILE_LOCKED',
    `NoteVault could not copy "${name}" into "${folder}": another program is using the file, most often the sync client; NoteVault copies the newest backup there at the next backup.`,
    { cause: error.cause, details: error.message },
  );
}

async function copyInto(
  source: string,
  folder: string,
  name: string,
  options: CopyIntoOptions,
): Promise<CopiedBackup> {
  const { expectedSha256, signal } = options;
  checkArguments(name, expectedSha256);
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry, signal };
  const layer = { fs, retry };
  // Clean-up must still run after a cancel, so it retries without the signal.
  const cleanupLayer = { fs, retry: { ...retry, signal: undefined } };
  if (signal?.aborted) throw cancelled(name);
  await requireFolder(folder, layer);
  const file = join(folder, name);
  const existing = await alreadyThere(file, name, folder, expectedSha256, { ...layer, signal });
  if (existing) return existing;

  const partial = ownedPartialPath(file);
  let written: WrittenPartial;
  try {
    written = await copyToPartial(source, partial, name, layer, signal);
    if (written.sha256 !== expectedSha256) {
      throw new NoteVaultError(
        'BACKUP_DAMAGED',
        `The backup "${name}" was not copied to "${folder}" because it has changed since it was checked: make a new backup.`,
        { details: describeDifference(source, expectedSha256, written) },
      );
    }
    if (signal?.aborted) throw cancelled(name);
  } catch (error) {
    await unlinkIfExists(partial, cleanupLayer).catch(() => undefined);
    throw error;
  }
  try {
    const hardLink = fs.platform !== 'win32' && options.syncedFolder !== true;
    await publishFile(partial, file, { fs, retry, overwrite: false, hardLink });
  } catch (error) {
    // publishFile removes the partial when it fails, retrying a held one for a whole budget (a
    // second try here would wait another); only after a cancel it could not try at all.
    if (signal?.aborted) await unlinkIfExists(partial, cleanupLayer).catch(() => undefined);
    if (underlyingCode(error) !== 'EEXIST') throw error;
    // The name was taken while we copied: by the same backup (another NoteVault run) = done.
    const raced = await alreadyThere(file, name, folder, expectedSha256, { ...layer, signal });
    if (raced) return raced;
    throw error;
  }

  const after = await sha256OfFile(file, { ...layer, signal });
  if (after.sha256 !== expectedSha256) {
    const outcome = await removeIfOurs(file, written, cleanupLayer);
    throw new NoteVaultError('BACKUP_DAMAGED', readBackSentence(name, folder, outcome.left), {
      details: [describeDifference(file, expectedSha256, after), outcome.why].join('; '),
    });
  }
  return { file, sha256: after.sha256, size: after.size, alreadyThere: false };
}

/**
 * Deletes `file` only while it is still the file this call wrote: same volume, same file id (a
 * rename keeps both; a sync client's or a person's replacement has another). Which file a name
 * points to can change again between the lstat and the unlink; no portable call closes that gap.
 */
async function removeIfOurs(
  file: string,
  written: WrittenPartial,
  layer: FileLayerOptions,
): Promise<{ left: 'removed' | 'gone' | 'kept'; why: string }> {
  let now;
  try {
    now = await lstatIfExists(file, layer);
  } catch (error) {
    return { left: 'kept', why: `not deleted: ${String(error)}` };
  }
  if (now === undefined) return { left: 'gone', why: 'the file is gone already' };
  const { dev, ino } = written.identity;
  if (!now.isFile() || ino === 0 || now.dev !== dev || now.ino !== ino) {
    return {
      left: 'kept',
      why: `not deleted: dev ${now.dev} ino ${now.ino}, NoteVault wrote dev ${dev} ino ${ino}`,
    };
  }
  try {
    await unlinkIfExists(file, layer);
    return { left: 'removed', why: 'deleted' };
  } catch (error) {
    return { left: 'kept', why: `not deleted: ${String(error)}` };
  }
}

function readBackSentence(name: string, folder: string, left: 'removed' | 'gone' | 'kept'): string {
  if (left === 'gone') {
    return `The copy of "${name}" in "${folder}" did not match the backup when read back and is no longer there: check that drive or folder, then copy the backup again.`;
  }
  return left === 'removed'
    ? `The copy of "${name}" in "${folder}" did not match the backup when read back, so NoteVault removed it: check that drive or folder, then copy the backup again.`
    : `The copy of "${name}" in "${folder}" did not match the backup when read back, and NoteVault left that file alone because it may not be the one it wrote (a sync client may have replaced it): move it away, then copy the backup again.`;
}

/**
 * Hashes a copy again, once the sync client has had time to settle (COPY_SETTLE_DELAY_MS) or at a
 * drill: 'verified', 'missing' (gone from the folder, or the folder is unreachable), or 'failed'
 * (other bytes under the name; the file is left alone: it may be someone's). Lock and other I/O
 * errors are thrown, so the caller can keep the copy pending and try again later.
 */
export async function recheckCopy(
  file: string,
  expectedSha256: string,
  options: FileLayerOptions & { signal?: AbortSignal } = {},
): Promise<RecheckResult> {
  checkArguments(posix.basename(win32.basename(file)), expectedSha256);
  let digest: FileDigest;
  try {
    digest = await sha256OfFile(file, options);
  } catch (error) {
    if (underlyingCode(error) !== 'ENOENT') throw error;
    return {
      state: 'missing',
      message: `The copy "${file}" is no longer there: NoteVault will copy the backup again when it can.`,
      details: String(error),
    };
  }
  if (digest.sha256 === expectedSha256) return { state: 'verified', ...digest };
  return {
    state: 'failed',
    ...digest,
    message: `The copy "${file}" has changed since NoteVault copied it (a sync client may have replaced or cut it): move it away, then copy the backup again.`,
    details: describeDifference(file, expectedSha256, digest),
  };
}
