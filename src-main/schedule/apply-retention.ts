/**
 * Deletes the backups the retention plan lets go, in one backup folder.
 *
 * Only files whose names NoteVault generated (`parseBackupFileName` understands them) are ever
 * considered: a backup the person named themselves ("before-upgrade.nvbak"), a `.partial` still
 * being written, or any other file in the folder is never touched. A file that cannot be deleted
 * (held by a sync client beyond the retry budget) is reported and the rest still go; the next run
 * tries again.
 */
import { basename, join } from 'node:path';
import type { RetentionPolicy } from '../../src-shared/settings';
import { parseBackupFileName } from '../backup/backup-names';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { retryingFs, unlinkIfExists } from '../fsx/retry';
import { planRetention } from './retention';
import type { BackupEntry } from './retention';

const SEQUENCE = /Z(?:-scheduled|-before-restore)?-(\d+)\.nvbak$/;

export interface ApplyRetentionOptions extends FileLayerOptions {
  now?: Date;
  /**
   * Backups known to have verified (from the backup history). Compared by file name, so a
   * history written with another spelling of the folder path still matches.
   */
  verifiedFiles?: Iterable<string>;
}

export interface RetentionOutcome {
  /** Full paths, newest first. */
  kept: string[];
  deleted: string[];
  failed: { file: string; message: string }[];
}

/** The backups NoteVault made in `folder`, as retention sees them. */
export async function listGeneratedBackups(
  folder: string,
  verifiedNames: ReadonlySet<string>,
  layer: FileLayerOptions = {},
): Promise<BackupEntry[]> {
  const names = await retryingFs(layer.fs ?? nodeFileSystem, layer.retry).readdir(folder);
  return names.flatMap((name) => {
    const parsed = parseBackupFileName(name);
    if (parsed === null) return [];
    // Names carry whole seconds; `-2`, `-3` mark later backups within the same second, so they
    // are ordered by a millisecond each (otherwise the name order would put `-2` first).
    const sequence = Number(SEQUENCE.exec(name)?.[1] ?? 1);
    const createdAt = new Date(parsed.createdAt.getTime() + Math.min(sequence - 1, 999));
    return [{ file: join(folder, name), createdAt, kind: parsed.kind, verified: verifiedNames.has(name) }];
  });
}

export async function applyRetention(
  folder: string,
  policy: RetentionPolicy,
  options: ApplyRetentionOptions = {},
): Promise<RetentionOutcome> {
  const layer: FileLayerOptions = { fs: options.fs, retry: options.retry };
  const verifiedNames = new Set([...(options.verifiedFiles ?? [])].map((file) => basename(file)));
  const backups = await listGeneratedBackups(folder, verifiedNames, layer);
  const plan = planRetention(backups, policy, options.now ?? new Date());
  const outcome: RetentionOutcome = { kept: plan.keep.map((entry) => entry.file), deleted: [], failed: [] };
  for (const entry of plan.delete) {
    try {
      await unlinkIfExists(entry.file, layer);
      outcome.deleted.push(entry.file);
    } catch (error) {
      outcome.failed.push({
        file: entry.file,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return outcome;
}
