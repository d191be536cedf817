/**
 * Atomic publication of files (backups, the settings JSON): a reader sees either the old complete file
 * or the new complete file, never a torn one, even after a crash or power loss.
 *
 * Recipe: write a partial next to the target, fsync it, rename it over the target, fsync the folder.
 * - The partial is in the same folder as the target, so the rename stays on one volume (no EXDEV copy).
 * - Naming: writeFileAtomic makes its own unique partial `<target>.<owner>.notevault-<8 hex>.partial`,
 *   created with O_EXCL ('wx'): two writers of the same settings file never share (and truncate) one
 *   partial, and a name planted in advance, even a symbolic link, is never written through. publishFile
 *   takes the partial its caller already wrote, which for the backup engine is ownedPartialPath(final).
 *   Both names record their owner (partial-names.ts), so a sweep removes a crashed run's at once.
 * - The rename is retried (retry.ts): replacing a target that another program holds fails with EPERM on
 *   Windows, because libuv's rename is MoveFileExW(MOVEFILE_REPLACE_EXISTING).
 * - Folder fsync makes the rename itself durable on POSIX. On Windows it is skipped: libuv would open
 *   the folder (it passes FILE_FLAG_BACKUP_SEMANTICS) but FlushFileBuffers on a read-only folder handle
 *   is refused with access denied (EPERM), which we would mistake for a lock; NTFS records the rename
 *   in its metadata journal, and MoveFileEx offers no stronger guarantee to ask for.
 * - On any failure before the rename the partial is removed (best effort; the start-up sweep catches
 *   the rest) and an existing target is left untouched.
 */
import { dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { errorCode, toNoteVaultError, underlyingCode } from './fs-errors';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { syncHandle, useThenClose, writeFully } from './handle-io';
import { atomicPartialPath } from './partial-names';
import type { FileLayerOptions, RetryOptions } from './retry';
import { lstatIfExists, retryingFs, unlinkIfExists } from './retry';

export interface PublishOptions extends FileLayerOptions {
  /** Replace an existing final file (default true). With false an existing file is never replaced. */
  overwrite?: boolean;
  /**
   * With overwrite false: publish through a hard link (default true). False where a second name for
   * the file must never appear, i.e. a folder a sync client watches (it would see, and upload, both
   * names; OneDrive's cloud filter refuses links): then it is the check-then-rename of moveIntoPlace.
   */
  hardLink?: boolean;
}

export interface WriteFileAtomicOptions extends PublishOptions {
  /** POSIX mode of the new file; default 0o600 (only the owner). Windows ignores it. */
  mode?: number;
}

// Folder fsync failures that only mean "this file system cannot do that"; the rename has happened.
const DIR_SYNC_FATAL = new Set(['EIO', 'ENOSPC', 'EDQUOT']);

function alreadyExistsError(finalPath: string, cause?: unknown): NoteVaultError {
  return new NoteVaultError(
    'IO',
    `Did not save "${finalPath}": a file with that name already exists and NoteVault does not replace it. ` +
      'Choose another name or move the existing file away, then try again.',
    {
      cause:
        cause ?? Object.assign(new Error(`EEXIST: file already exists, '${finalPath}'`), { code: 'EEXIST' }),
    },
  );
}

/**
 * Makes the entries just added to or removed from `dir` durable. Skipped on Windows (folders
 * cannot be fsynced there); a file system that cannot do it is ignored, a real failure thrown.
 */
export async function fsyncDirectory(dir: string, fs: FileSystem, retry: RetryOptions): Promise<void> {
  if (fs.platform === 'win32') return;
  let handle;
  try {
    handle = await fs.open(dir, 'r');
    await useThenClose(handle, dir, retry, (h) => h.sync());
  } catch (error) {
    if (DIR_SYNC_FATAL.has(underlyingCode(error) ?? '')) {
      throw toNoteVaultError(error, 'make the change permanent in the folder', dir, fs.platform);
    }
  }
}

/**
 * Moves a complete partial to its final name. With overwrite false it uses a hard link, which fails
 * with EEXIST instead of replacing. Where hard links are unavailable (FAT32/exFAT drives, some network
 * shares) or unwanted (`hardLink` false) it is check-then-rename, which accepts the race: a file
 * created at the final name between the check and the rename (or during the rename's lock retries)
 * would be replaced. Only another program choosing the very same name at the same moment could.
 */
async function moveIntoPlace(
  partial: string,
  finalPath: string,
  options: { overwrite: boolean; hardLink: boolean },
  layer: FileLayerOptions,
) {
  const fs = layer.fs ?? nodeFileSystem;
  const io = retryingFs(fs, layer.retry);
  if (options.overwrite) return io.rename(partial, finalPath);
  const checkThenRename = async () => {
    if (await lstatIfExists(finalPath, layer)) throw alreadyExistsError(finalPath);
    return io.rename(partial, finalPath);
  };
  if (!options.hardLink) return checkThenRename();
  try {
    await fs.link(partial, finalPath);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') throw alreadyExistsError(finalPath, error);
    return checkThenRename();
  }
  // The final name now holds the complete data; the partial is just a second name for it. If it
  // cannot be removed the publication still stands, and the start-up sweep removes it later.
  await unlinkIfExists(partial, layer).catch(() => undefined);
}

function publishMode(options: PublishOptions): { overwrite: boolean; hardLink: boolean } {
  return { overwrite: options.overwrite ?? true, hardLink: options.hardLink ?? true };
}

function layerOf(options: FileLayerOptions): {
  fs: FileSystem;
  retry: RetryOptions;
  layer: FileLayerOptions;
} {
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  return { fs, retry, layer: { fs, retry } };
}

/**
 * Publishes an already written partial: fsync, rename to `finalPath`, fsync the folder. Afterwards,
 * whether it succeeded or threw, the partial no longer exists (except as noted in moveIntoPlace).
 */
export async function publishFile(partialPath: string, finalPath: string, options: PublishOptions = {}) {
  const { fs, retry, layer } = layerOf(options);
  const io = retryingFs(fs, retry);
  try {
    // 'r+' because on Windows FlushFileBuffers needs a handle with write access.
    const handle = await io.open(partialPath, 'r+');
    await useThenClose(handle, partialPath, retry, (h) => syncHandle(h, partialPath, retry));
    await moveIntoPlace(partialPath, finalPath, publishMode(options), layer);
  } catch (error) {
    await unlinkIfExists(partialPath, layer).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dirname(finalPath), fs, retry);
  if (dirname(partialPath) !== dirname(finalPath)) await fsyncDirectory(dirname(partialPath), fs, retry);
}

/** Writes `data` to `target` atomically (see the module comment). Strings are written as UTF-8. */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const { fs, retry, layer } = layerOf(options);
  const io = retryingFs(fs, retry);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const partial = atomicPartialPath(target);
  let created = false;
  try {
    const handle = await io.open(partial, 'wx', options.mode ?? 0o600);
    created = true;
    await useThenClose(handle, partial, retry, async (h) => {
      await writeFully(h, bytes, 0, partial, retry);
      await syncHandle(h, partial, retry);
    });
    await moveIntoPlace(partial, target, publishMode(options), layer);
  } catch (error) {
    // Only a partial we created is ours to remove: an EEXIST from 'wx' means someone else's file.
    if (created) await unlinkIfExists(partial, layer).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dirname(target), fs, retry);
}
