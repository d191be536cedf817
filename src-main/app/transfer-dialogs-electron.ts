import { dialog } from 'electron';
import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { TransferDialogs } from './transfer-dialogs';

/** The TransferDialogs seam over Electron's dialogs, modal to the main window when there is one. */
export function electronTransferDialogs(getWindow: () => BrowserWindow | undefined): TransferDialogs {
  const window = (): BrowserWindow | undefined => {
    const current = getWindow();
    return current && !current.isDestroyed() ? current : undefined;
  };
  return {
    async chooseImportSource(kind) {
      const options: OpenDialogOptions =
        kind === 'folder'
          ? { title: 'Import a folder of Markdown notes', properties: ['openDirectory'] }
          : {
              title: 'Import notes from a file',
              properties: ['openFile'],
              filters: [
                { name: 'Note exports', extensions: ['enex', 'json', 'txt', 'md'] },
                { name: 'All files', extensions: ['*'] },
              ],
            };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseExportDestination(format, defaultName) {
      const options: SaveDialogOptions = {
        title:
          format === 'markdown' ? 'Export notes as a folder of Markdown files' : 'Export notes as one file',
        defaultPath: defaultName,
        buttonLabel: 'Export',
        properties: ['createDirectory', 'showOverwriteConfirmation'],
        ...(format === 'json' ? { filters: [{ name: 'NoteVault export', extensions: ['json'] }] } : {}),
      };
      const parent = window();
      const result = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
  };
}
