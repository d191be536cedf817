/**
 * Deletes the backups the retention plan lets go, in one destination's folder (the backup folder
 * or an extra destination: each runs with its own policy and cap).
 *
 * Only files whose names NoteVault generated (`parseBackupFileName` understands them) are ever
 * considered: a backup the person named themselves ("before-upgrade.nvbak"), a `.partial` still
 * being written, or any other file in the folder is never touched, and neither is a folder or a
 * symbolic link that carries such a name (lstat: a link is never followed, so the cap counts only
 * files that are really in this folder). A file that cannot be deleted (held by a sync client
 * beyond the retry budget) is reported and the rest still go; the next run tries again.
 *
 * `planFolderRetention` is the plan alone: the preview (retention-preview.ts) shows exactly what
 * `applyRetention` then deletes, because both plan through it.
 */
import { basename, join } from 'node:path';
import type { RetentionPolicy } from '../../src-shared/settings';
import { parseBackupFileName } from '../backup/backup-names';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, retryingFs, unlinkIfExists } from '../fsx/retry';
import { planRetention } from './retention';
import type { BackupEntry, RetentionPlan } from './retention';

const SEQUENCE = /Z(?:-scheduled|-before-restore)?-(\d+)\.nvbak$/;

/** What is known of the backups in one destination, by file name (no folder). */
export interface RetentionVerification {
  /** Written and read back, copied and hash-checked, or passed their last restore drill there. */
  verified: ReadonlySet<string>;
  /**
   * Failed their last restore drill there, or their copy there is recorded 'failed' or 'missing'
   * (retention-verification.ts): not verified, whatever `verified` says.
   */
  failedDrill: ReadonlySet<string>;
}

export interface ApplyRetentionOptions extends FileLayerOptions {
  now?: Date;
  /**
   * Backups known to have verified (from the backup history). Compared by file name, so a
   * history written with another spelling of the folder path still matches.
   */
  verifiedFiles?: Iterable<string>;
  /** The destination's verified and failed-drill backups (the catalogue); adds to `verifiedFiles`. */
  verification?: RetentionVerification;
}

/** A backup in the folder, with its bytes on disk. */
export interface ListedBackup extends BackupEntry {
  name: string;
  size: number;
}

export interface RetentionOutcome {
  /** Full paths, newest first. */
  kept: string[];
  deleted: string[];
  failed: { file: string; message: string }[];
  /** Bytes of the files actually deleted (a file that could not be deleted frees nothing). */
  freedBytes: number;
  /** Bytes of the backups the plan kept. */
  keptBytes: number;
  /** What must stay is larger than the destination's cap on its own (retention.ts, rule 5). */
  overCap: boolean;
}

/** The backups NoteVault made in `folder`, as retention sees them. */
export async function listGeneratedBackups(
  folder: string,
  verifiedNames: ReadonlySet<string>,
  layer: FileLayerOptions = {},
): Promise<ListedBackup[]> {
  const names = await retryingFs(layer.fs ?? nodeFileSystem, layer.retry).readdir(folder);
  const listed: ListedBackup[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (parsed === null) continue;
    const file = join(folder, name);
    const stats = await lstatIfExists(file, layer);
    // Gone since the listing (another run deleted it), or not a file of ours: not counted, never deleted.
    if (stats === undefined || !stats.isFile()) continue;
    // Names carry whole seconds; `-2`, `-3` mark later backups within the same second, so they
    // are ordered by a millisecond each (otherwise the name order would put `-2` first).
    const sequence = Number(SEQUENCE.exec(name)?.[1] ?? 1);
    const createdAt = new Date(parsed.createdAt.getTime() + Math.min(sequence - 1, 999));
    listed.push({
      file,
      name,
      createdAt,
      kind: parsed.kind,
      verified: verifiedNames.has(name),
      size: stats.size,
    });
  }
  return listed;
}

/** What retention would do in `folder` now, without deleting anything. */
export async function planFolderRetention(
  folder: string,
  policy: RetentionPolicy,
  options: ApplyRetentionOptions = {},
): Promise<RetentionPlan<ListedBackup>> {
  const layer: FileLayerOptions = { fs: options.fs, retry: options.retry };
  const verifiedNames = new Set([...(options.verifiedFiles ?? [])].map((file) => basename(file)));
  for (const name of options.verification?.verified ?? []) verifiedNames.add(name);
  const failedNames = options.verification?.failedDrill ?? new Set<string>();
  const backups = await listGeneratedBackups(folder, verifiedNames, layer);
  return planRetention(backups, policy, options.now ?? new Date(), {
    sizes: new Map(backups.map((entry) => [entry.file, entry.size])),
    failedDrill: new Set(backups.filter((entry) => failedNames.has(entry.name)).map((entry) => entry.file)),
  });
}

export async function applyRetention(
  folder: string,
  policy: RetentionPolicy,
  options: ApplyRetentionOptions = {},
): Promise<RetentionOutcome> {
  const layer: FileLayerOptions = { fs: options.fs, retry: options.retry };
  const plan = await planFolderRetention(folder, policy, options);
  const outcome: RetentionOutcome = {
    kept: plan.keep.map((entry) => entry.file),
    deleted: [],
    failed: [],
    freedBytes: 0,
    keptBytes: plan.keptBytes,
    overCap: plan.overCap,
  };
  for (const entry of plan.delete) {
    try {
      await unlinkIfExists(entry.file, layer);
      outcome.deleted.push(entry.file);
      outcome.freedBytes += entry.size;
    } catch (error) {
      outcome.failed.push({
        file: entry.file,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}
