/**
 * A NoteVault the person opens while a run started by the OS scheduler (--run-scheduled-backup)
 * holds the single-instance lock: it waits, showing nothing, until that run ends, then starts as
 * usual. The run itself cannot start NoteVault again when it ends: systemd ends every process
 * left in a oneshot service's control group when the service exits, and launchd ends the job's
 * process group, so an app the run launched would be killed with it.
 *
 * The lock alone does not say who holds it; headless-running.json does (os-schedule/
 * headless-running-marker.ts): a marker naming a live process that started within the run's
 * time limit is a scheduled run, anything else is an open NoteVault, and this start quits as
 * it always did (Electron has already asked that NoteVault to show its window).
 */
import { HEADLESS_RUN_LIMIT_HOURS } from '../os-schedule/os-schedule-names';
import type { HeadlessRunningMarker } from '../os-schedule/headless-running-marker';

/** The scheduler ends a run after this long, so waiting longer cannot help. */
export const HEADLESS_WAIT_LIMIT_MS = HEADLESS_RUN_LIMIT_HOURS * 60 * 60 * 1000;
/** How often the lock is asked for again: a second's delay after a backup of minutes is not noticed. */
export const HEADLESS_WAIT_POLL_MS = 1000;

export interface HeadlessWaitSeams {
  /** app.requestSingleInstanceLock(): Electron drops a failed attempt, so it can be asked again. */
  requestLock: () => boolean;
  readMarker: () => Promise<HeadlessRunningMarker | null>;
  isAlive: (pid: number) => boolean;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * 'lock': this start holds the lock now and starts as usual; 'app-running': an open NoteVault
 * holds it; 'gave-up': a scheduled run still held it after its time limit.
 */
export type HeadlessWaitOutcome = 'lock' | 'app-running' | 'gave-up';

/** Called after a first requestSingleInstanceLock() failed. */
export async function waitForHeadlessRun(seams: HeadlessWaitSeams): Promise<HeadlessWaitOutcome> {
  const deadline = seams.now() + HEADLESS_WAIT_LIMIT_MS;
  for (;;) {
    const marker = await seams.readMarker();
    const runHoldsLock =
      marker !== null && seams.isAlive(marker.pid) && seams.now() - marker.startedAt < HEADLESS_WAIT_LIMIT_MS;
    // Asked after reading the marker: a run that ended in between has released the lock.
    if (seams.requestLock()) return 'lock';
    if (!runHoldsLock) return 'app-running';
    if (seams.now() >= deadline) return 'gave-up';
    await seams.sleep(HEADLESS_WAIT_POLL_MS);
  }
}

/** Whether a process with this id exists (signal 0 tests without sending anything). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
