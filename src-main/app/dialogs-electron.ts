import { dialog, shell } from 'electron';
import type { BrowserWindow, MessageBoxOptions, OpenDialogOptions, SaveDialogOptions } from 'electron';
import { BACKUP_EXTENSION } from '../backup/backup-names';
import type { Dialogs } from './dialogs';

/** The Dialogs seam over Electron's dialog and shell, modal to the main window when there is one. */
export function electronDialogs(getWindow: () => BrowserWindow | undefined): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const window = getWindow();
    const result =
      window && !window.isDestroyed()
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
  return {
    chooseFolder: ({ title, defaultPath }) =>
      open({ title, defaultPath, properties: ['openDirectory', 'createDirectory'] }),
    chooseBackupFile: ({ title, defaultPath }) =>
      open({
        title,
        defaultPath,
        properties: ['openFile'],
        filters: [
          { name: 'NoteVault backups', extensions: [BACKUP_EXTENSION.slice(1)] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    chooseSaveFile: async ({ title, defaultName }) => {
      const options: SaveDialogOptions = {
        title,
        defaultPath: defaultName,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = getWindow();
      const result =
        window && !window.isDestroyed()
          ? await dialog.showSaveDialog(window, options)
          : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
    confirm: async ({ message, detail, confirmLabel }) => {
      const options: MessageBoxOptions = {
        type: 'warning',
        message,
        detail,
        buttons: [confirmLabel, 'Cancel'],
        // Enter and Escape both cancel: only a deliberate click deletes.
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const window = getWindow();
      const { response } =
        window && !window.isDestroyed()
          ? await dialog.showMessageBox(window, options)
          : await dialog.showMessageBox(options);
      return response === 0;
    },
    showInFolder: (path) => shell.showItemInFolder(path),
  };
}
