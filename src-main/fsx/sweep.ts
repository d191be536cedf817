/**
 * Start-up sweep primitives: find what earlier runs left behind (a crash, a power cut, a file that was
 * locked beyond the retry budget) and dispose of it.
 *
 * It looks only at the top level of the folders it is given and recognises only names this layer
 * creates (see private-temp.ts); everything else is never opened, renamed or deleted, not even stat'd.
 * Symbolic links are never followed. Failures do not stop the sweep (a file still locked by a sync
 * client must not block start-up): they are collected in the report and the next start tries again.
 *
 * - `notevault-tmp-*` folders hold plaintext snapshots: every file in them is securely wiped.
 * - `notevault-wipe-*` files were overwritten and fsynced before they got that name; they are wiped
 *   again anyway (cheap insurance against a file system that persisted the rename before the data)
 *   and deleted.
 * - `*.notevault-<8 hex>.partial` (writeFileAtomic) and `<final>.partial` when the caller's
 *   `isOurFinalName(final)` says so (backup engine) are incomplete copies of encrypted backups or
 *   settings: they are deleted.
 */
import { join } from 'node:path';
import type { ErrorCode } from '../../src-shared/errors';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from './fs-errors';
import { nodeFileSystem } from './fs-seam';
import { isAtomicPartialName, isPrivateTempDirName, isWipeLeftoverName, TEMP_MARKER } from './private-temp';
import type { RetryOptions } from './retry';
import { lstatIfExists, retryingFs, unlinkIfExists } from './retry';
import type { SecureWipeOptions } from './secure-wipe';
import { secureWipe, secureWipeDirectory } from './secure-wipe';

export interface SweepOptions extends SecureWipeOptions {
  /**
   * Whether `<name>.partial` belongs to NoteVault, given `<name>`; e.g. `(n) => n.endsWith('.nvbak')`.
   * Without it only writeFileAtomic's own partials are recognised.
   */
  isOurFinalName?: (finalName: string) => boolean;
  /**
   * Leave leftovers younger than this alone, in case another NoteVault process (the command-line tool
   * next to the app) is still using them. Default 0: wipe promptly, since plaintext on disk is the
   * greater harm and a disturbed backup only fails with a clear error.
   */
  minAgeMs?: number;
  /** Wall-clock milliseconds for the age check (file times are wall-clock). Default Date.now. */
  now?: () => number;
}

export type LeftoverKind = 'private-temp-dir' | 'wipe-leftover' | 'partial';

export interface SweepReport {
  wipedTempDirs: string[];
  wipedFiles: string[];
  removedPartials: string[];
  skipped: { path: string; kind: LeftoverKind; reason: 'too-new' | 'unexpected-type' }[];
  failures: { path: string; code: ErrorCode; message: string }[];
}

function classify(name: string, isOurFinalName?: (finalName: string) => boolean): LeftoverKind | undefined {
  if (isPrivateTempDirName(name)) return 'private-temp-dir';
  if (isWipeLeftoverName(name)) return 'wipe-leftover';
  if (isAtomicPartialName(name)) return 'partial';
  const suffix = TEMP_MARKER.partialSuffix;
  if (isOurFinalName && name.endsWith(suffix) && name.length > suffix.length) {
    if (isOurFinalName(name.slice(0, -suffix.length))) return 'partial';
  }
  return undefined;
}

function toFailure(path: string, error: unknown): SweepReport['failures'][number] {
  if (error instanceof NoteVaultError) return { path, code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { path, code: 'INTERNAL', message: `Could not clean up "${path}": ${message}` };
}

/** Newest modification time of a leftover; for a folder also of its direct entries. */
async function newestMtime(
  path: string,
  isDir: boolean,
  options: SweepOptions,
  mtime: number,
): Promise<number> {
  if (!isDir) return mtime;
  const io = retryingFs(options.fs, options.retry);
  let newest = mtime;
  for (const name of await io.readdir(path)) {
    const entry = await lstatIfExists(join(path, name), options);
    if (entry) newest = Math.max(newest, entry.mtimeMs);
  }
  return newest;
}

async function sweepEntry(path: string, kind: LeftoverKind, options: SweepOptions, report: SweepReport) {
  const info = await lstatIfExists(path, options);
  if (!info) return; // gone since the listing
  const expectDir = kind === 'private-temp-dir';
  if (info.isSymbolicLink() || (expectDir ? !info.isDirectory() : !info.isFile())) {
    report.skipped.push({ path, kind, reason: 'unexpected-type' });
    return;
  }
  const minAgeMs = options.minAgeMs ?? 0;
  if (minAgeMs > 0) {
    const now = (options.now ?? Date.now)();
    if (now - (await newestMtime(path, expectDir, options, info.mtimeMs)) < minAgeMs) {
      report.skipped.push({ path, kind, reason: 'too-new' });
      return;
    }
  }
  if (kind === 'private-temp-dir') {
    await secureWipeDirectory(path, options);
    report.wipedTempDirs.push(path);
  } else if (kind === 'wipe-leftover') {
    await secureWipe(path, options);
    report.wipedFiles.push(path);
  } else {
    await unlinkIfExists(path, options);
    report.removedPartials.push(path);
  }
}

/** Sweeps the top level of each folder; a folder that does not exist is simply skipped. */
export async function sweepLeftovers(folders: string[], options: SweepOptions = {}): Promise<SweepReport> {
  const fs = options.fs ?? nodeFileSystem;
  const retry: RetryOptions = { platform: fs.platform, ...options.retry };
  const opts: SweepOptions = { ...options, fs, retry };
  const io = retryingFs(fs, retry);
  const report: SweepReport = {
    wipedTempDirs: [],
    wipedFiles: [],
    removedPartials: [],
    skipped: [],
    failures: [],
  };
  for (const folder of folders) {
    let names: string[];
    try {
      names = await io.readdir(folder);
    } catch (error) {
      if (underlyingCode(error) !== 'ENOENT') report.failures.push(toFailure(folder, error));
      continue;
    }
    for (const name of names.sort()) {
      const kind = classify(name, options.isOurFinalName);
      if (!kind) continue;
      const path = join(folder, name);
      try {
        await sweepEntry(path, kind, opts, report);
      } catch (error) {
        report.failures.push(toFailure(path, error));
      }
    }
  }
  return report;
}
