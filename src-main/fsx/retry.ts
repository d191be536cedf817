/**
 * Bounded retry for file operations that Windows refuses while another program holds the file.
 *
 * Why each operation is retried (table in fs-seam.ts, verified under Wine, while the file is held as
 * SQLite holds it): replacing a file with rename fails with EPERM (libuv's rename is MoveFileExW with
 * MOVEFILE_REPLACE_EXISTING, refused while the target is open without FILE_SHARE_DELETE); renaming or
 * deleting the held file fails with EBUSY; opening for writing and copyFile fail with EBUSY when the
 * holder is exclusive (antivirus, some sync clients). Writes and fsyncs on our own handle fail with
 * EBUSY when they touch a range another process locked with LockFileEx (ERROR_LOCK_VIOLATION), which
 * SQLite does around its 1 GiB lock bytes. In the field antivirus scanners, cloud sync clients and the
 * search indexer open new files for a moment; waiting a little is almost always enough.
 *
 * Decisions:
 * - Retried: EBUSY, EPERM, EACCES on Windows; only EBUSY elsewhere (see fs-errors.ts).
 * - ENOTEMPTY is retried only where a caller opts in (`alsoRetry`), i.e. when removing a folder: a file
 *   deleted while another program held it with FILE_SHARE_DELETE stays "delete pending" until that
 *   program closes it (Wine, FAT and network drives, Windows before 10 1709), so the folder looks
 *   non-empty for a moment. For rename onto a folder ENOTEMPTY is permanent, so it is not a default.
 * - EMFILE/ENFILE are not retried: they mean this process (or the system) ran out of descriptors, not
 *   that the named file is held. This layer keeps at most two handles open, so EMFILE points at a leak
 *   elsewhere that three seconds of waiting will not fix; it fails at once with a clear IO error.
 * - Backoff doubles from `initialDelayMs` (10 ms) to `maxDelayMs` (250 ms); each pause is drawn from
 *   [half, full) of that step so several waiters do not retry in lock-step, and it never drops to zero.
 * - The whole wait is bounded by `budgetMs` (3 s): a real lock outlasting it is not transient and the
 *   person should hear about it (FILE_LOCKED naming the file and what may hold it).
 *
 * VS Code's `renameWithRetry` (src/vs/base/node/pfs.ts) is the model; this version adds jitter, an
 * injectable clock for deterministic tests, cancellation, and person-readable errors.
 */
import { constants } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { NoteVaultError } from '../../src-shared/errors';
import {
  errorCode,
  fileLockedError,
  isSystemError,
  lockCodesFor,
  toNoteVaultError,
  underlyingCode,
} from './fs-errors';
import type { FileHandle, FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';

export interface RetryOptions {
  /** Longest total time spent retrying, from the first attempt. Default 3000 ms. */
  budgetMs?: number;
  /** First pause. Default 10 ms. */
  initialDelayMs?: number;
  /** Largest single pause. Default 250 ms. */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); only spreads pauses apart, so Math.random is fine. */
  random?: () => number;
  /** Monotonic milliseconds. Default performance.now(). */
  now?: () => number;
  /** Aborting stops waiting and fails with CANCELLED. */
  signal?: AbortSignal;
  /** Decides which codes mean "locked". Default process.platform; retryingFs passes fs.platform. */
  platform?: NodeJS.Platform;
  /** Extra codes to treat as transient for this call (e.g. ENOTEMPTY when removing a folder). */
  alsoRetry?: readonly string[];
  /** Called before each pause; for logging. */
  onRetry?: (event: { attempt: number; code: string; delayMs: number }) => void;
}

/** What every function of this layer accepts: the seam and the retry tuning. */
export interface FileLayerOptions {
  fs?: FileSystem;
  retry?: RetryOptions;
}

export const DEFAULT_RETRY_BUDGET_MS = 3000;
export const DEFAULT_INITIAL_DELAY_MS = 10;
export const DEFAULT_MAX_DELAY_MS = 250;

function checkDuration(name: string, value: number, minimum: number): void {
  if (!Number.isFinite(value) || value < minimum) {
    throw new NoteVaultError(
      'VALIDATION',
      `Retry option ${name} must be a number >= ${minimum}, got ${value}.`,
    );
  }
}

function cancelledError(operation: string, file: string): NoteVaultError {
  return new NoteVaultError('CANCELLED', `Cancelled while waiting to ${operation} "${file}".`);
}

/** Pauses, but gives up the moment the signal aborts, whatever sleep function was injected. */
async function pause(
  ms: number,
  sleep: (ms: number) => Promise<void>,
  signal: AbortSignal | undefined,
  onAbort: () => Error,
) {
  if (!signal) return sleep(ms);
  if (signal.aborted) throw onAbort();
  let listener: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    listener = () => reject(onAbort());
    signal.addEventListener('abort', listener, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    if (listener) signal.removeEventListener('abort', listener);
  }
}

/**
 * Runs `fn`, retrying lock errors with jittered exponential backoff within the budget.
 * `operation` is a verb phrase and `file` the path, read together: `Could not ${operation} "${file}"`.
 * Lock errors beyond the budget become FILE_LOCKED; other file-system errors fail at once as DISK_FULL
 * (ENOSPC/EDQUOT) or IO; NoteVaultErrors and non-file-system errors pass through unchanged.
 */
export async function withFileRetry<T>(
  operation: string,
  file: string,
  fn: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const budgetMs = options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS;
  const initialDelayMs = options.initialDelayMs ?? DEFAULT_INITIAL_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  checkDuration('budgetMs', budgetMs, 0);
  checkDuration('initialDelayMs', initialDelayMs, 1);
  checkDuration('maxDelayMs', maxDelayMs, initialDelayMs);
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const platform = options.platform ?? process.platform;
  const transient = [...lockCodesFor(platform), ...(options.alsoRetry ?? [])];
  const { signal } = options;
  const onAbort = () => cancelledError(operation, file);

  const start = now();
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw onAbort();
    try {
      return await fn();
    } catch (error) {
      const code = errorCode(error);
      if (
        error instanceof NoteVaultError ||
        !isSystemError(error) ||
        code === undefined ||
        !transient.includes(code)
      ) {
        throw toNoteVaultError(error, operation, file, platform);
      }
      const waitedMs = now() - start;
      const remainingMs = budgetMs - waitedMs;
      if (remainingMs <= 0) {
        throw fileLockedError({ operation, file, lastError: error, attempts: attempt, waitedMs, platform });
      }
      const stepMs = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(attempt - 1, 30));
      const delayMs = Math.min(remainingMs, stepMs * (0.5 + 0.5 * random()));
      options.onRetry?.({ attempt, code, delayMs });
      await pause(delayMs, sleep, signal, onAbort);
    }
  }
}

function describeOpen(flags: string | number): string {
  if (typeof flags === 'number')
    return (flags & (constants.O_WRONLY | constants.O_RDWR)) !== 0 ? 'open for writing' : 'open';
  return /[wa+]/.test(flags) ? 'open for writing' : 'open';
}

/**
 * The same FileSystem with every operation retried and its errors turned into NoteVaultErrors.
 * Operations on an already open FileHandle are not covered; wrap those with withFileRetry.
 */
export function retryingFs(fs: FileSystem = nodeFileSystem, options: RetryOptions = {}): FileSystem {
  const opts: RetryOptions = { platform: fs.platform, ...options };
  const run = <T>(operation: string, file: string, fn: () => Promise<T>, alsoRetry?: readonly string[]) =>
    withFileRetry(
      operation,
      file,
      fn,
      alsoRetry ? { ...opts, alsoRetry: [...(opts.alsoRetry ?? []), ...alsoRetry] } : opts,
    );
  return {
    platform: fs.platform,
    rename: (from, to) => run(`rename "${from}" to`, to, () => fs.rename(from, to)),
    unlink: (path) => run('delete', path, () => fs.unlink(path)),
    link: (existingPath, newPath) =>
      run(`link "${existingPath}" as`, newPath, () => fs.link(existingPath, newPath)),
    copyFile: (from, to, mode) => run(`copy "${from}" to`, to, () => fs.copyFile(from, to, mode)),
    open: (path, flags, mode) => run(describeOpen(flags), path, () => fs.open(path, flags, mode)),
    stat: (path) => run('read the details of', path, () => fs.stat(path)),
    lstat: (path) => run('read the details of', path, () => fs.lstat(path)),
    mkdir: (path, mkdirOptions) => run('create the folder', path, () => fs.mkdir(path, mkdirOptions)),
    mkdtemp: (prefix) => run('create a temporary folder named like', prefix, () => fs.mkdtemp(prefix)),
    chmod: (path, mode) => run('change the permissions of', path, () => fs.chmod(path, mode)),
    readdir: (path) => run('list the folder', path, () => fs.readdir(path)),
    rmdir: (path) => run('remove the folder', path, () => fs.rmdir(path), ['ENOTEMPTY']),
    rm: (path, rmOptions) => run('remove', path, () => fs.rm(path, rmOptions), ['ENOTEMPTY']),
    statfs: (path) => run('check the free space of', path, () => fs.statfs(path)),
  };
}

export function renameWithRetry(from: string, to: string, options: FileLayerOptions = {}): Promise<void> {
  return retryingFs(options.fs, options.retry).rename(from, to);
}

export function unlinkWithRetry(path: string, options: FileLayerOptions = {}): Promise<void> {
  return retryingFs(options.fs, options.retry).unlink(path);
}

export function copyFileWithRetry(
  from: string,
  to: string,
  options: FileLayerOptions & { mode?: number } = {},
) {
  return retryingFs(options.fs, options.retry).copyFile(from, to, options.mode);
}

export function openWithRetry(
  path: string,
  flags: string,
  options: FileLayerOptions & { mode?: number } = {},
): Promise<FileHandle> {
  return retryingFs(options.fs, options.retry).open(path, flags, options.mode);
}

/** Deletes a file; a file that is already gone counts as deleted. */
export async function unlinkIfExists(path: string, options: FileLayerOptions = {}): Promise<void> {
  try {
    await unlinkWithRetry(path, options);
  } catch (error) {
    if (underlyingCode(error) !== 'ENOENT') throw error;
  }
}

/** lstat that answers undefined for a missing path instead of failing. */
export async function lstatIfExists(path: string, options: FileLayerOptions = {}) {
  try {
    return await retryingFs(options.fs, options.retry).lstat(path);
  } catch (error) {
    if (underlyingCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}
