import { app, BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions } from 'electron';

/** What a NoteVault window may choose. Web preferences are deliberately not among them. */
export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'> & {
  /** The built preload script (out/preload/index.js). */
  preloadPath: string;
};

/**
 * The only place NoteVault creates a BrowserWindow (a unit test fails on any other
 * `new BrowserWindow`). The renderer shows untrusted text (notes are pasted from anywhere),
 * so it gets no Node, runs sandboxed and isolated, and reaches the main process only
 * through the preload's API.
 *
 * The preferences are written out literally, after the caller's options, rather than built
 * by a helper: a caller cannot override them even with a cast, and electronegativity
 * (scripts/check-electron-security.mjs) can read them here, so a regression such as
 * `sandbox: false` is caught by the scanner as well as by the unit test.
 *
 * DevTools exist only in development: a packaged NoteVault has no way to open them (the
 * keyboard shortcut, a menu, a script), so they cannot be used to read the page's state or
 * call its API by hand on a machine someone else can reach.
 */
export function createSecureWindow({ preloadPath, ...options }: SecureWindowOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
}
