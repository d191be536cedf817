import { join } from 'node:path';
import { Menu, app, dialog, screen, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { createAppServices } from './app/app-services';
import type { AppServices } from './app/app-services';
import { installDesktopIntegration } from './app/desktop-integration';
import type { DesktopIntegration } from './app/desktop-integration';
import { electronDialogs } from './app/dialogs-electron';
import { electronTransferDialogs } from './app/transfer-dialogs-electron';
import { appMenuTemplate } from './window/app-menu';
import { electronExternalLinks } from './app/external-links-electron';
import { electronScheduleSeams } from './app/schedule-seams-electron';
import { runScheduledBackupHeadless, startAfterScheduledRun } from './app/headless-electron';
import { electronOsSchedule } from './os-schedule/os-schedule-electron';
import { isScheduledBackupRun } from './os-schedule/scheduled-program';
import { installIpc } from './ipc/install-ipc';
import { windowEventSink } from './ipc/register-electron-ipc';
import { electronSqliteBinding } from './native-binding';
import { RENDERER_URL } from './window/app-origin';
import { debugSwitchesMessage, findDebugSwitches } from './window/debug-switches';
import { createMainWindow } from './window/main-window';
import { hardenSession } from './window/harden-session';
import { registerAppScheme, serveRenderer } from './window/install-app-protocol';
import { installWebContentsHardening } from './window/harden-web-contents';
import { applyUserDataOverride } from './window/user-data-dir';
import { fitToDisplays } from './window/window-placement';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window/window-state';
import { finishWritesBeforeQuit, trackWindowState } from './window/window-state-tracker';
import type { WindowStateTracker } from './window/window-state-tracker';

// A packaged NoteVault never runs with a debugger attached or its page open to remote
// debugging (src-main/window/debug-switches.ts): refuse before anything else happens.
const debugSwitches = findDebugSwitches(process.argv, process.env, {
  isPackaged: app.isPackaged,
  platform: process.platform,
});
if (debugSwitches.length > 0) {
  dialog.showErrorBox('NoteVault could not start', debugSwitchesMessage(debugSwitches));
  app.exit(1);
} else {
  // --user-data-dir=<folder> or NOTEVAULT_USER_DATA (src-main/window/user-data-dir.ts): before
  // the single-instance lock, which Electron keys on this folder.
  const userDataOverride = applyUserDataOverride(app, process.argv, process.env);
  // Electron takes scheme privileges only before ready.
  registerAppScheme();
  // A second copy would open the same database and race on backups: focus the first instead.
  const onlyInstance = app.requestSingleInstanceLock();
  // Started by the OS scheduler for a backup while NoteVault is closed (src-main/os-schedule/):
  // no window, no tray; exits at once if NoteVault is already running.
  if (isScheduledBackupRun(process.argv)) runScheduledBackupHeadless(onlyInstance, __dirname);
  // Opened while such a run holds the lock: start once it has ended; otherwise quit.
  else if (!onlyInstance) startAfterScheduledRun(() => start(userDataOverride));
  else start(userDataOverride);
}

function start(userDataOverride: string | undefined): void {
  let services: AppServices | undefined;
  let mainWindow: BrowserWindow | undefined;
  let uninstallIpc: (() => void) | undefined;
  let windowState: WindowStateTracker | undefined;
  let desktop: DesktopIntegration | undefined;

  app.on('second-instance', (_event, argv) => {
    // The OS scheduler's backup run found NoteVault running: it exits, and the window stays as it is.
    if (isScheduledBackupRun(argv)) return;
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    // Closed to the tray, the window is hidden rather than gone.
    mainWindow.show();
    mainWindow.focus();
  });

  installWebContentsHardening(app);
  finishWritesBeforeQuit(app, () => windowState?.pendingWrite());
  // Stops the scheduler, wipes a browsing copy and writes settings and the backup history.
  finishWritesBeforeQuit(app, () => services?.stop());

  void app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      // The renderer is served as app://notevault from out/renderer, never loaded over file://.
      serveRenderer(session.defaultSession, join(__dirname, '../renderer'));
      const nativeBinding = electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
      // Services (database, settings, schedule, backups list, browse, backup and restore jobs):
      // src-main/app/app-services.ts.
      const getMainWindow = () => mainWindow;
      const appServices = await createAppServices(app.getPath('userData'), {
        dialogs: electronDialogs(getMainWindow),
        transferDialogs: electronTransferDialogs(getMainWindow),
        events: windowEventSink(getMainWindow),
        workerPath: join(__dirname, 'backup-job-worker.js'),
        appVersion: app.getVersion(),
        nativeBinding,
        platform: process.platform,
        schedule: electronScheduleSeams(__dirname),
        osSchedule: electronOsSchedule(userDataOverride),
      });
      services = appServices;
      // Before the window loads, so the renderer's first request finds its handler.
      uninstallIpc = installIpc({
        services: {
          ...appServices,
          notes: () => appServices.holder.repository(),
          links: electronExternalLinks(),
        },
        getMainWindow,
        devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
      });
      const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
      const openMainWindow = () => {
        const window = createMainWindow({
          preloadPath: join(__dirname, '../preload/index.js'),
          rendererUrl: RENDERER_URL,
          state: fitToDisplays(loadWindowState(stateFile), screen),
        });
        mainWindow = window;
        windowState = trackWindowState(window, { save: (state) => saveWindowState(stateFile, state) });
        window.on('closed', () => (mainWindow = undefined));
        desktop?.attachWindow(window);
      };

      // Scheduled backups: tray, wake from sleep, close to tray, start at login (app/desktop-integration.ts).
      desktop = installDesktopIntegration({
        ...appServices,
        emit: windowEventSink(getMainWindow),
        showMainWindow: () => {
          if (!mainWindow) openMainWindow();
          mainWindow?.show();
          if (mainWindow?.isMinimized()) mainWindow.restore();
          mainWindow?.focus();
        },
      });
      appServices.schedule.start();
      // Backups while NoteVault is closed: the OS scheduler's entry follows the settings.
      void appServices.osSchedule.start();
      appServices.drills.start();
      // Settle re-checks a closed app or a headless run still owes (the timer died with it).
      void appServices.destinations.settleDue();
      openMainWindow();
      // File > Import notes… / Export notes… open the window's dialogs (window/app-menu.ts).
      const requestDialog = (which: 'import' | 'export') => {
        mainWindow?.show();
        windowEventSink(getMainWindow)('transfer:didRequestDialog', { dialog: which });
      };
      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          appMenuTemplate(process.platform, {
            importNotes: () => requestDialog('import'),
            exportNotes: () => requestDialog('export'),
          }),
        ),
      );
    })
    .catch((error: unknown) => {
      // Nothing to show a window with (the command-line tool is restoring the notes, or the
      // database is from a newer NoteVault): say what happened, then quit.
      dialog.showErrorBox(
        'NoteVault could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });

  app.on('window-all-closed', () => app.quit());

  // Closed explicitly (WAL checkpointed) so no handle outlives the app on Windows.
  app.on('will-quit', () => {
    // Handlers go first, so no late request reaches a closed database.
    uninstallIpc?.();
    uninstallIpc = undefined;
    desktop?.dispose();
    desktop = undefined;
    // A running backup or restore is asked to stop; the worker wipes its plaintext itself.
    services?.backup.cancel();
    services?.holder.dispose();
    services = undefined;
  });
}
