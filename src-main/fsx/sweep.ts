/**
 * Start-up sweep primitives: find what earlier runs left behind (a crash, a power cut, a file that was
 * locked beyond the retry budget) and dispose of it.
 *
 * It looks only at the top level of the folders it is given and recognises only names this layer
 * creates (see private-temp.ts); everything else is never opened, renamed or deleted, not even stat'd.
 * Symbolic links are never followed. Failures do not stop the sweep (a file still locked by a sync
 * client must not block start-up): they are collected in the report and the next start tries again.
 *
 * - `notevault-tmp-*` folders hold plaintext snapshots: every file in them is securely wiped, unless
 *   the process that made the folder, named in its name, still runs (see sweep-owner-check.ts). A
 *   folder from a version that recorded no owner, or whose owner cannot be read or checked, falls
 *   back to the age rule (`minAgeMs`).
 * - `notevault-wipe-*` files were overwritten and fsynced before they got that name; they are wiped
 *   again anyway (cheap insurance against a file system that persisted the rename before the data)
 *   and deleted.
 * - Partial files (partial-names.ts): writeFileAtomic's, and publishFile's when the caller's
 *   `isOurFinalName(final)` says so (backup engine), are incomplete copies of encrypted backups or
 *   settings: they are deleted (plainly: they hold no readable notes). The owner their name records
 *   decides as for a temp folder; one without an owner (older versions) gets the age rule.
 */
import { join } from 'node:path';
import type { ErrorCode } from '../../src-shared/errors';
import { NoteVaultError } from '../../src-shared/errors';
import { underlyingCode } from './fs-errors';
import { nodeFileSystem } from './fs-seam';
import { currentUid } from './no-follow';
import { readAtomicPartialName, readOwnedPartialName } from './partial-names';
import { isPrivateTempDirName, isWipeLeftoverName } from './private-temp';
import type { OwnerInName } from './private-temp-owner';
import { ownerFromName } from './private-temp-owner';
import type { RetryOptions } from './retry';
import { lstatIfExists, retryingFs, unlinkIfExists } from './retry';
import type { SecureWipeOptions } from './secure-wipe';
import { secureWipe, secureWipeDirectory } from './secure-wipe';
import type { ProcessProbe } from './sweep-owner-check';
import { judgeOwner, realProcessProbe } from './sweep-owner-check';

export interface SweepOptions extends SecureWipeOptions {
  /**
   * Whether a partial file (named as partial-names.ts describes) belongs to NoteVault, given the final
   * name it was to get; e.g. `(n) => n.endsWith('.nvbak')`. Without it only writeFileAtomic's own
   * partials are recognised.
   */
  isOurFinalName?: (finalName: string) => boolean;
  /**
   * Leave leftovers that name no owner younger than this alone, in case another NoteVault process
   * (the command-line tool next to the app) is still using them: wipe leftovers, and partial files
   * and temp folders from older versions. Temp folders and partial files that name their owner are
   * judged by whether it still runs, whatever their age. Default 0: wipe promptly, since plaintext on
   * disk is the greater harm and a disturbed backup only fails with a clear error.
   */
  minAgeMs?: number;
  /** Wall-clock milliseconds for the age check (file times are wall-clock). Default Date.now. */
  now?: () => number;
  /**
   * True when this process has not made any private temp folder yet (the app's start-up, a CLI
   * command before its job): a folder naming this process then comes from an earlier process that
   * had the same PID, and is wiped. Default false: this process's own folders may be in use.
   */
  atProcessStart?: boolean;
  /** How processes are looked at; tests replace single members. Default: the real ones. */
  processProbe?: ProcessProbe;
}

export type LeftoverKind = 'private-temp-dir' | 'wipe-leftover' | 'partial';

/**
 * Why a leftover was left alone: younger than `minAgeMs`; a link or the wrong kind of entry; its
 * owner process still runs; it belongs to this process, which may still be using it; or another
 * user owns it (on POSIX), so it is not ours to judge, however it is named.
 */
export type SkipReason =
  'too-new' | 'unexpected-type' | 'owner-running' | 'in-use-by-this-process' | 'other-owner';

export interface SweepReport {
  wipedTempDirs: string[];
  wipedFiles: string[];
  removedPartials: string[];
  skipped: { path: string; kind: LeftoverKind; reason: SkipReason }[];
  /** Leftovers whose name carries an owner that could not be read or checked: the age rule decided. */
  unknownOwners: { path: string; detail: string }[];
  failures: { path: string; code: ErrorCode; message: string }[];
}

interface Leftover {
  kind: LeftoverKind;
  /** What its name says about the process that made it. */
  named: OwnerInName;
}

function classify(name: string, isOurFinalName?: (finalName: string) => boolean): Leftover | undefined {
  if (isPrivateTempDirName(name)) return { kind: 'private-temp-dir', named: ownerFromName(name) };
  if (isWipeLeftoverName(name)) return { kind: 'wipe-leftover', named: { kind: 'none' } };
  const atomic = readAtomicPartialName(name);
  const partial = atomic ?? readOwnedPartialName(name);
  if (partial === undefined || (atomic === undefined && !isOurFinalName?.(partial.finalName))) {
    return undefined;
  }
  const { owner } = partial;
  return { kind: 'partial', named: owner === undefined ? { kind: 'none' } : { kind: 'owner', owner } };
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

/**
 * 'keep' or 'wipe' when the leftover's name says who made it and we can tell whether that process
 * still runs; 'by-age' for one without owner (older version) or with one we cannot check.
 */
async function decideByOwner(
  path: string,
  { kind, named }: Leftover,
  options: SweepOptions,
  report: SweepReport,
): Promise<'keep' | 'wipe' | 'by-age'> {
  if (named.kind === 'none') return 'by-age';
  if (named.kind === 'unreadable') {
    report.unknownOwners.push({ path, detail: named.detail });
    return 'by-age';
  }
  const verdict = await judgeOwner(
    named.owner,
    options.processProbe ?? realProcessProbe,
    options.atProcessStart ?? false,
  );
  if (verdict.state === 'gone') return 'wipe';
  if (verdict.state === 'unknown') {
    report.unknownOwners.push({ path, detail: verdict.detail });
    return 'by-age';
  }
  report.skipped.push({ path, kind, reason: verdict.reason });
  return 'keep';
}

async function sweepEntry(path: string, leftover: Leftover, options: SweepOptions, report: SweepReport) {
  const { kind } = leftover;
  const info = await lstatIfExists(path, options);
  if (!info) return; // gone since the listing
  const expectDir = kind === 'private-temp-dir';
  if (info.isSymbolicLink() || (expectDir ? !info.isDirectory() : !info.isFile())) {
    report.skipped.push({ path, kind, reason: 'unexpected-type' });
    return;
  }
  // Anyone can give a folder in a shared temp folder our names; only the current user's are ours.
  const uid = currentUid(options.fs?.platform ?? process.platform);
  if (uid !== undefined && info.uid !== uid) {
    report.skipped.push({ path, kind, reason: 'other-owner' });
    return;
  }
  const decided = await decideByOwner(path, leftover, options, report);
  if (decided === 'keep') return;
  const minAgeMs = options.minAgeMs ?? 0;
  if (decided === 'by-age' && minAgeMs > 0) {
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
    unknownOwners: [],
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
      const leftover = classify(name, options.isOurFinalName);
      if (!leftover) continue;
      const path = join(folder, name);
      try {
        await sweepEntry(path, leftover, opts, report);
      } catch (error) {
        report.failures.push(toFailure(path, error));
      }
    }
  }
  return report;
}
