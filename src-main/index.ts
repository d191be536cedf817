import { join } from 'node:path';
import { app, screen, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { NotesDatabaseHolder } from './app/notes-database-holder';
import { installIpc } from './ipc/install-ipc';
import { electronSqliteBinding } from './native-binding';
import { createMainWindow } from './window/main-window';
import { hardenSession } from './window/harden-session';
import { installWebContentsHardening } from './window/harden-web-contents';
import { applyUserDataOverride } from './window/user-data-dir';
import { fitToDisplays } from './window/window-placement';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window/window-state';
import { finishWritesBeforeQuit, trackWindowState } from './window/window-state-tracker';
import type { WindowStateTracker } from './window/window-state-tracker';

// --user-data-dir=<folder> or NOTEVAULT_USER_DATA (src-main/window/user-data-dir.ts): before
// the single-instance lock, which Electron keys on this folder.
applyUserDataOverride(app, process.argv, process.env);

// A second copy would open the same database and race on backups: focus the first instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let database: NotesDatabaseHolder | undefined;
  let mainWindow: BrowserWindow | undefined;
  let uninstallIpc: (() => void) | undefined;
  let windowState: WindowStateTracker | undefined;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  installWebContentsHardening(app);
  finishWritesBeforeQuit(app, () => windowState?.pendingWrite());

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    const nativeBinding = electronSqliteBinding(app.getAppPath(), process.resourcesPath, app.isPackaged);
    database = new NotesDatabaseHolder(join(app.getPath('userData'), 'notevault.db'), nativeBinding);
    database.open();
    const notesDatabase = database;
    const rendererFile = join(__dirname, '../renderer/index.html');
    // Before the window loads, so the renderer's first request finds its handler.
    uninstallIpc = installIpc({
      services: { notes: () => notesDatabase.repository() },
      getMainWindow: () => mainWindow,
      rendererFile,
      devServerUrl: app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'],
    });
    const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
    mainWindow = createMainWindow({
      preloadPath: join(__dirname, '../preload/index.js'),
      rendererFile,
      state: fitToDisplays(loadWindowState(stateFile), screen),
    });
    windowState = trackWindowState(mainWindow, { save: (state) => saveWindowState(stateFile, state) });
    mainWindow.on('closed', () => (mainWindow = undefined));
  });

  app.on('window-all-closed', () => app.quit());

  // Closed explicitly (WAL checkpointed) so no handle outlives the app on Windows.
  app.on('will-quit', () => {
    // Handlers go first, so no late request reaches a closed database.
    uninstallIpc?.();
    uninstallIpc = undefined;
    database?.close();
    database = undefined;
  });
}
