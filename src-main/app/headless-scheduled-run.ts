/**
 * `NoteVault --run-scheduled-backup`: what the operating system's scheduler starts while
 * NoteVault is closed (src-main/os-schedule/). No window, no tray: if NoteVault is already
 * running it exits at once (code 0: the running app's own scheduler backs up); otherwise it
 * opens the same files the app uses, and if "Keep backing up when NoteVault is closed" and
 * scheduled backups are on and a backup is due by the app's own rule (schedule/next-run.ts),
 * it makes the scheduled backup exactly as the app would (BackupRunner.runScheduled: the sealed
 * device key, copies into every destination, retention; recorded in backup-state.json, which
 * the window, the tray and the health view read), then runs a restore drill if one is due
 * (unattended: only backups the device key opens), notes the run in headless-run.json, and exits.
 *
 * Exit codes, which Task Scheduler shows as "Last Run Result" and systemd as the unit's state:
 * 0 for nothing to do or a backup made, 1 for a failed backup or an app that could not open its
 * files.
 */
import { nextRunAt } from '../schedule/next-run';
import type { HeadlessOutcome } from '../os-schedule/headless-run-record';
import { writeHeadlessRun } from '../os-schedule/headless-run-record';
import { whileClosedInterval } from '../os-schedule/while-closed-rule';
import type { AppServices } from './app-services';

/** The services a headless run uses; the app's own, from createAppServices, never started. */
export type HeadlessServices = Pick<
  AppServices,
  'settingsStore' | 'history' | 'runner' | 'drills' | 'dispose'
>;

export interface HeadlessRunSeams {
  /** False when NoteVault is already running (Electron's single-instance lock is taken). */
  isOnlyInstance: () => boolean;
  /** createAppServices over the app's user data, with the app's scheduling seams. */
  openServices: () => Promise<HeadlessServices>;
  now: () => number;
  /** headless-run.json in user data. */
  headlessRunFile: string;
  /** A desktop notification, for a failed backup (nobody is looking at a window). */
  notify: (title: string, body: string) => void;
  log: (message: string) => void;
}

export interface HeadlessRunResult {
  exitCode: 0 | 1;
  outcome: HeadlessOutcome | 'app-running';
}

export async function runHeadlessScheduledBackup(seams: HeadlessRunSeams): Promise<HeadlessRunResult> {
  if (!seams.isOnlyInstance()) return { exitCode: 0, outcome: 'app-running' };
  let services: HeadlessServices;
  try {
    services = await seams.openServices();
  } catch (error) {
    // A database from a newer NoteVault, or the command-line tool restoring: say so in the log.
    seams.log(
      `The scheduled backup could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    await record(seams, 'failed');
    return { exitCode: 1, outcome: 'failed' };
  }
  try {
    const result = await backUpIfDue(services, seams);
    await record(seams, result.outcome);
    return result;
  } finally {
    await services.dispose();
  }
}

async function backUpIfDue(
  services: HeadlessServices,
  seams: HeadlessRunSeams,
): Promise<{ exitCode: 0 | 1; outcome: HeadlessOutcome }> {
  const settings = services.settingsStore.get();
  // Turned off since the OS entry was made (and the app has not removed it yet): nothing to do.
  if (whileClosedInterval(settings) === null) return { exitCode: 0, outcome: 'off' };
  const now = seams.now();
  const last = services.history.lastSuccessAt();
  const due = nextRunAt(last === null ? null : new Date(last), settings.schedule, new Date(now));
  if (due === null || due.getTime() > now) return { exitCode: 0, outcome: 'not-due' };

  const run = await services.runner.runScheduled();
  if (!run.ok) seams.notify('Scheduled backup failed', run.error.message);
  // A drill failure is recorded and notified by the drill service itself; it does not change
  // whether the backup worked.
  await services.drills.runDue().catch((error: unknown) => {
    seams.log(`The restore test after the scheduled backup did not run: ${String(error)}`);
  });
  return run.ok ? { exitCode: 0, outcome: 'backed-up' } : { exitCode: 1, outcome: 'failed' };
}

async function record(seams: HeadlessRunSeams, outcome: HeadlessOutcome): Promise<void> {
  await writeHeadlessRun(seams.headlessRunFile, { at: seams.now(), outcome }).catch((error: unknown) => {
    seams.log(`Could not note the scheduled run in ${seams.headlessRunFile}: ${String(error)}`);
  });
}
