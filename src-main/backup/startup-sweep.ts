import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { FileLayerOptions } from '../fsx/retry';
import { sweepLeftovers } from '../fsx/sweep';
import type { SweepReport } from '../fsx/sweep';
import { isBackupFileName } from './backup-names';
import { recoverRekeyJournals } from './rekey/finish-journal';

export type { SweepReport } from '../fsx/sweep';

/** The sweep's report plus the passkey-change journals it finished or dropped (rekey/finish-journal.ts). */
export interface StartupSweepReport extends SweepReport {
  finishedRekeys: string[];
  discardedRekeys: string[];
}

/**
 * What the app, the CLI and every backup pass as `minAgeMs`: leftovers that name no owner and
 * are younger than this are left alone, because the other program (the app while the CLI
 * starts, or the other way round) may be in the middle of a backup that uses them. Temp folders
 * and partial files do not depend on it: their name records the process that made them, so a
 * sweep keeps one exactly while that process runs and removes it at once after a crash. The
 * hour guards what carries no owner: half-wiped files (which hold no readable notes), and the
 * partials and temp folders of versions that recorded no owner.
 */
export const OWNERLESS_LEFTOVER_MIN_AGE_MS = 60 * 60 * 1000;

export interface StartupSweepRequest {
  /** Folder of the live database: a restore decrypts next to it. */
  databaseFolder: string;
  /** Folders backups are written to: the partials of interrupted backups are removed there. */
  backupFolders: string[];
  /** Parent of the snapshot temp folders: the app's or CLI's private root (private-temp-root.ts). Default os.tmpdir(). */
  tempParent?: string;
  /**
   * The shared temp folder versions before the private root wrote to, swept for what they left
   * there. Only the current user's entries are touched there (sweep.ts skips other owners).
   */
  legacyTempFolder?: string;
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
export async function startupSweep(request: StartupSweepRequest): Promise<StartupSweepReport> {
  const folders = [
    request.tempParent ?? tmpdir(),
    ...(request.legacyTempFolder === undefined ? [] : [request.legacyTempFolder]),
    request.databaseFolder,
    ...request.backupFolders,
  ].map((f) => resolve(f));
  const report = await sweepLeftovers([...new Set(folders)], {
    isOurFinalName: isBackupFileName,
    minAgeMs: request.minAgeMs,
    atProcessStart: request.atProcessStart,
    fs: request.fileLayer?.fs,
    retry: request.fileLayer?.retry,
  });
  // A passkey change that crashed between its journal and the end of its header write left a
  // backup that opens with neither passkey until the journal's header is written again.
  const rekeys = await recoverRekeyJournals(
    request.backupFolders.map((f) => resolve(f)),
    request.fileLayer ?? {},
  );
  return {
    ...report,
    failures: [...report.failures, ...rekeys.failures],
    finishedRekeys: rekeys.finished,
    discardedRekeys: rekeys.discarded,
  };
}

/**
 * Run by every backup before it checks space and reserves its name: removes what crashed runs
 * left in the two folders it writes to (their partials, their plaintext), so leftovers never
 * pile up between restarts and the room they took counts for this backup. A live owner's
 * leftovers (a backup running in the app or the CLI right now) and ownerless ones younger than
 * OWNERLESS_LEFTOVER_MIN_AGE_MS stay. It never fails the backup: whatever cannot be removed now
 * is tried again by the next sweep, and the start-up sweeps log it.
 */
export async function sweepBeforeBackup(
  folders: { destinationFolder: string; tempParent: string },
  fileLayer: FileLayerOptions,
): Promise<SweepReport> {
  return sweepLeftovers(
    [...new Set([folders.destinationFolder, folders.tempParent].map((f) => resolve(f)))],
    {
      isOurFinalName: isBackupFileName,
      minAgeMs: OWNERLESS_LEFTOVER_MIN_AGE_MS,
      // This process runs jobs (this one included): its own leftovers may be in use.
      atProcessStart: false,
      fs: fileLayer.fs,
      retry: fileLayer.retry,
    },
  );
}
