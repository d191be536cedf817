import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuActions {
  importNotes(): void;
  exportNotes(): void;
}

/**
 * The application menu: File holds Import notes… and Export notes… (which open the window's
 * dialogs; main then asks for the paths itself), beside the standard Edit and Window menus so
 * copy, paste and undo keep their shortcuts on macOS. No View menu: reloading or opening the
 * developer tools is not something the app offers (debug-switches.ts).
 */
export function appMenuTemplate(
  platform: NodeJS.Platform,
  actions: AppMenuActions,
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'import-notes', label: 'Import notes…', click: () => actions.importNotes() },
      { id: 'export-notes', label: 'Export notes…', click: () => actions.exportNotes() },
      { type: 'separator' },
      platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
    ],
  };
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    file,
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
}
