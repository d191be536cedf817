import type { BrowserWindow } from 'electron';
import { createSecureWindow } from './secure-window';
import { DEFAULT_WINDOW_STATE, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH } from './window-state';
import type { WindowState } from './window-state';

export interface MainWindowOptions {
  preloadPath: string;
  /** The page to show: RENDERER_URL (app-origin.ts), served by the app:// handler. */
  rendererUrl: string;
  /** Where to open: the remembered state, already fitted to the displays (fitToDisplays). */
  state?: WindowState;
}

export function createMainWindow({
  preloadPath,
  rendererUrl,
  state = DEFAULT_WINDOW_STATE,
}: MainWindowOptions): BrowserWindow {
  const window = createSecureWindow({
    preloadPath,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    // Shown once the first frame is painted, so it never flashes white or unmaximized.
    show: false,
    title: 'NoteVault',
  });
  window.once('ready-to-show', () => {
    if (state.isMaximized) window.maximize();
    window.show();
  });
  void window.loadURL(rendererUrl);
  return window;
}
