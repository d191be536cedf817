import { formatCount } from '../../src-shared/format';
import { OWNERLESS_LEFTOVER_MIN_AGE_MS, startupSweep } from '../backup/startup-sweep';
import type { StartupSweepReport, SweepReport } from '../backup/startup-sweep';
import type { LeftoverKind, SkipReason } from '../fsx/sweep';
import { dropStaleStaged } from '../destinations/staging-cleanup';

export interface StartupFolders {
  /** Holds the live database: a restore decrypts next to it. */
  userDataDir: string;
  /** The configured backup folder, where an interrupted backup leaves a `.partial`; null when none is set. */
  backupFolder: string | null;
  /**
   * The other places a backup or its copy is written: extra destinations (a copy's `.partial`) and
   * the private staging folder for a cloud-synced backup folder. Absent means none.
   */
  otherBackupFolders?: readonly string[] | undefined;
  /**
   * The private staging folder for a cloud-synced backup folder (also one of otherBackupFolders):
   * every staged backup but the newest is removed, as a catch-up would only ever copy the newest.
   */
  stagingFolder?: string | undefined;
  /** Parent of the job worker's private temp folders (`<user data>/tmp` in the app: private-temp-root.ts). */
  tempParent: string;
  /** The shared temp folder older versions used; only the current user's leftovers there are swept. */
  legacyTempFolder?: string | undefined;
}

/**
 * The app's start-up sweep: wipes the plaintext an earlier run left behind when it crashed or
 * lost power mid-job, and removes partial backups. It never stops the app from starting: a
 * leftover still locked by another program, or a backup folder on a drive that is not
 * connected, is logged and tried again at the next start. Resolves with the report (null when
 * the sweep itself failed), mainly for tests.
 */
export async function sweepAtStartup(
  folders: StartupFolders,
  log: (message: string) => void,
): Promise<SweepReport | null> {
  let report: SweepReport;
  try {
    report = await startupSweep({
      databaseFolder: folders.userDataDir,
      backupFolders: [
        ...(folders.backupFolder === null ? [] : [folders.backupFolder]),
        ...(folders.otherBackupFolders ?? []),
      ],
      tempParent: folders.tempParent,
      ...(folders.legacyTempFolder === undefined ? {} : { legacyTempFolder: folders.legacyTempFolder }),
      // Leftovers that name no owner (older versions') may be a running `notevault` command's.
      minAgeMs: OWNERLESS_LEFTOVER_MIN_AGE_MS,
      // Runs before this process starts any job or browse session (app-services.ts), so a temp
      // folder naming this process can only be an earlier one's that had the same PID.
      atProcessStart: true,
    });
  } catch (error) {
    log(`The start-up clean-up of temporary files failed; it runs again next time: ${messageOf(error)}`);
    return null;
  }
  if (folders.stagingFolder !== undefined) {
    const dropped = await dropStaleStaged(folders.stagingFolder, { log });
    if (dropped > 0) {
      log(
        `Start-up clean-up: ${formatCount(dropped, 'older staged backup')} removed (only the newest is ever copied).`,
      );
    }
  }
  const summary = describeSweep(report);
  if (summary !== null) log(summary);
  for (const unknown of report.unknownOwners) log(`Start-up clean-up: ${unknown.detail}`);
  for (const failure of report.failures) log(`Start-up clean-up: ${failure.message}`);
  return report;
}

/** One line for the log when the sweep found anything; null when there was nothing to do. */
export function describeSweep(
  report: SweepReport & Partial<Pick<StartupSweepReport, 'finishedRekeys' | 'discardedRekeys'>>,
): string | null {
  const parts = [
    count(report.finishedRekeys?.length ?? 0, 'interrupted passkey change', 'finished'),
    count(
      report.discardedRekeys?.length ?? 0,
      'unfinished passkey-change journal',
      'removed (its backup kept its passkey)',
    ),
    count(report.wipedTempDirs.length, 'temporary folder', 'wiped'),
    count(report.wipedFiles.length, 'half-wiped file', 'wiped again'),
    count(report.removedPartials.length, 'partial backup or settings file', 'removed'),
    count(
      skippedFor(report, 'owner-running', 'private-temp-dir'),
      'temporary folder',
      'left alone (another NoteVault process is using it)',
    ),
    count(
      skippedFor(report, 'owner-running', 'partial'),
      'partial backup or settings file',
      'left alone (another NoteVault process is writing it)',
    ),
    count(skippedFor(report, 'in-use-by-this-process'), 'leftover', 'left alone (in use by this run)'),
    count(skippedFor(report, 'too-new'), 'leftover', 'left alone (too recent; maybe still in use)'),
    count(skippedFor(report, 'unexpected-type'), 'leftover', 'left alone (not a plain file or folder)'),
    count(skippedFor(report, 'other-owner'), 'leftover', 'left alone (it belongs to another user)'),
    count(
      report.unknownOwners.length,
      'leftover',
      'named an owner that could not be checked (handled as from an older version)',
    ),
    count(report.failures.length, 'leftover', 'could not be cleaned up'),
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  return `Start-up clean-up of what an earlier run left behind: ${parts.join('; ')}.`;
}

function skippedFor(report: SweepReport, reason: SkipReason, kind?: LeftoverKind): number {
  return report.skipped.filter((skip) => skip.reason === reason && (kind === undefined || skip.kind === kind))
    .length;
}

function count(n: number, noun: string, what: string): string | null {
  if (n === 0) return null;
  return `${formatCount(n, noun)} ${what}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
