import { dialog, shell } from 'electron';
import type { BrowserWindow, OpenDialogOptions } from 'electron';
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
    showInFolder: (path) => shell.showItemInFolder(path),
  };
}
