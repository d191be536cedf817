import { BrowserWindow } from 'electron';
import { secureWebPreferences } from './web-preferences';

export function createMainWindow(preloadPath: string, rendererFile: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 750,
    minWidth: 640,
    minHeight: 420,
    show: false,
    title: 'NoteVault',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererFile);
  return window;
}
