import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { FileLayerOptions } from '../fsx/retry';
import { sweepLeftovers } from '../fsx/sweep';
import type { SweepReport } from '../fsx/sweep';
import { isBackupFileName } from './backup-names';

export type { SweepReport } from '../fsx/sweep';

/**
 * What the app and the CLI pass as `minAgeMs`: leftovers that name no owner and are younger
 * than this are left alone, because the other program (the app while the CLI starts, or the
 * other way round) may be in the middle of a backup that uses them. Plaintext temp folders do
 * not depend on it: their name records the process that made them, so a sweep keeps one
 * exactly while that process runs and wipes it at once after a crash. The hour guards what
 * carries no owner: `.nvbak.partial` files (their name is fixed by the backup format, and they
 * hold only ciphertext, so waiting costs nothing), settings partials and half-wiped files
 * (neither holds readable notes), and temp folders of versions that recorded no owner.
 */
export const OWNERLESS_LEFTOVER_MIN_AGE_MS = 60 * 60 * 1000;

export interface StartupSweepRequest {
  /** Folder of the live database: a restore decrypts next to it. */
  databaseFolder: string;
  /** Folders backups are written to: interrupted `.nvbak.partial` files are removed there. */
  backupFolders: string[];
  /** Parent of the snapshot temp folders. Default os.tmpdir(). */
  tempParent?: string;
  /**
   * Leave leftovers that name no owner (partial backups, temp folders of older versions) younger
   * than this alone: another NoteVault process may be using them. Default 0. Temp folders that
   * name their owner are kept exactly while that process runs, whatever their age.
   */
  minAgeMs?: number;
  /**
   * True when this process has made no private temp folder yet (app start, a CLI command before
   * its job), so any folder naming this process is an earlier one's that had the same PID. Leave
   * it false when running after a job (the job runner does), so this process's own folders in use
   * are kept.
   */
  atProcessStart?: boolean;
  fileLayer?: FileLayerOptions;
}

/**
 * Run by the app and the CLI at start (and after a job worker died): wipes the plaintext any
 * earlier run left in NoteVault's private temp folders, and removes partial backups. A temp
 * folder whose owner process still runs (the CLI making a backup while the app starts, or the
 * other way round) is left alone. Only
 * names NoteVault creates are touched; the database's own -wal and -journal files, which
 * SQLite needs to finish or roll back an interrupted restore, are never among them.
 */
export function startupSweep(request: StartupSweepRequest): Promise<SweepReport> {
  const folders = [request.tempParent ?? tmpdir(), request.databaseFolder, ...request.backupFolders].map(
    (f) => resolve(f),
  );
  return sweepLeftovers([...new Set(folders)], {
    isOurFinalName: isBackupFileName,
    minAgeMs: request.minAgeMs,
    atProcessStart: request.atProcessStart,
    fs: request.fileLayer?.fs,
    retry: request.fileLayer?.retry,
  });
}
