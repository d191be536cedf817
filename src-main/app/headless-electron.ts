/**
 * The Electron side of `NoteVault --run-scheduled-backup` (the logic is in
 * headless-scheduled-run.ts): no window, no tray, no dock icon; the app's own services over its
 * own user data; then exit with the run's code. While it runs, headless-running.json says so,
 * and a NoteVault the person opens meanwhile waits for the run to end and then starts
 * (startAfterScheduledRun, wait-for-headless-run.ts).
 */
import { join } from 'node:path';
import { app } from 'electron';
import { headlessRunPath } from '../os-schedule/headless-run-record';
import {
  headlessRunningPath,
  readHeadlessRunning,
  removeHeadlessRunning,
  writeHeadlessRunning,
} from '../os-schedule/headless-running-marker';
import { electronSqliteBinding } from '../native-binding';
import { createAppServices } from './app-services';
import { electronDialogs } from './dialogs-electron';
import { runHeadlessScheduledBackup } from './headless-scheduled-run';
import { electronScheduleSeams } from './schedule-seams-electron';
import { processIsAlive, waitForHeadlessRun } from './wait-for-headless-run';

/** `workerDir`: the folder of the built main process and its workers (__dirname of index.js). */
export function runScheduledBackupHeadless(isOnlyInstance: boolean, workerDir: string): void {
  if (!isOnlyInstance) {
    // NoteVault runs: its own scheduler backs up.
    app.exit(0);
    return;
  }
  app.dock?.hide();
  const userData = app.getPath('userData');
  const running = headlessRunningPath(userData);
  // Before anything slow: a NoteVault opened from now on finds it and waits.
  const marked = writeHeadlessRunning(running, { pid: process.pid, startedAt: Date.now() }).catch(
    (error: unknown) => console.warn(`Could not write ${running}: ${String(error)}`),
  );
  void app
    .whenReady()
    .then(async () => {
      await marked;
      const schedule = electronScheduleSeams(workerDir);
      const result = await runHeadlessScheduledBackup({
        isOnlyInstance: () => true,
        openServices: () =>
          createAppServices(userData, {
            // Nothing in a scheduled run asks a question or shows a window.
            dialogs: electronDialogs(() => undefined),
            events: () => undefined,
            workerPath: join(workerDir, 'backup-job-worker.js'),
            appVersion: app.getVersion(),
            nativeBinding: electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged),
            platform: process.platform,
            schedule,
          }),
        now: () => Date.now(),
        headlessRunFile: headlessRunPath(userData),
        notify: schedule.notify,
        log: (message) => console.warn(message),
      });
      await removeHeadlessRunning(running).catch(() => undefined);
      app.exit(result.exitCode);
    })
    .catch(async (error: unknown) => {
      console.error(
        `The scheduled backup stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
      await removeHeadlessRunning(running).catch(() => undefined);
      app.exit(1);
    });
}

/**
 * For a NoteVault the person opened that did not get the single-instance lock: if a scheduled
 * run holds it, wait (showing nothing) and then `start`; if an open NoteVault holds it, quit
 * (Electron has already asked that one to show its window).
 */
export function startAfterScheduledRun(start: () => void): void {
  const running = headlessRunningPath(app.getPath('userData'));
  void waitForHeadlessRun({
    requestLock: () => app.requestSingleInstanceLock(),
    readMarker: () => readHeadlessRunning(running),
    isAlive: processIsAlive,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  }).then(
    (outcome) => (outcome === 'lock' ? start() : app.quit()),
    () => app.quit(),
  );
}
