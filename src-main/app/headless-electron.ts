/**
 * The Electron side of `NoteVault --run-scheduled-backup` (the logic is in
 * headless-scheduled-run.ts): no window, no tray, no dock icon; the app's own services over its
 * own user data; then exit with the run's code. If the person opens NoteVault while this runs,
 * that start is handed the single-instance lock's "second instance" event here: NoteVault is
 * started again, normally, once the backup has finished.
 */
import { join } from 'node:path';
import { app } from 'electron';
import { headlessRunPath } from '../os-schedule/headless-run-record';
import { RUN_SCHEDULED_BACKUP_SWITCH } from '../os-schedule/os-schedule-names';
import { electronSqliteBinding } from '../native-binding';
import { createAppServices } from './app-services';
import { electronDialogs } from './dialogs-electron';
import { runHeadlessScheduledBackup } from './headless-scheduled-run';
import { electronScheduleSeams } from './schedule-seams-electron';

/** `workerDir`: the folder of the built main process and its workers (__dirname of index.js). */
export function runScheduledBackupHeadless(isOnlyInstance: boolean, workerDir: string): void {
  if (!isOnlyInstance) {
    // NoteVault runs: its own scheduler backs up.
    app.exit(0);
    return;
  }
  app.dock?.hide();
  let openedMeanwhile = false;
  app.on('second-instance', () => (openedMeanwhile = true));
  void app
    .whenReady()
    .then(async () => {
      const userData = app.getPath('userData');
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
      if (openedMeanwhile) {
        app.relaunch({ args: process.argv.slice(1).filter((arg) => arg !== RUN_SCHEDULED_BACKUP_SWITCH) });
      }
      app.exit(result.exitCode);
    })
    .catch((error: unknown) => {
      console.error(
        `The scheduled backup stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
      app.exit(1);
    });
}
