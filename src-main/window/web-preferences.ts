import type { WebPreferences } from 'electron';

/**
 * The renderer shows untrusted text (notes can be pasted from anywhere), so it gets no
 * Node, runs sandboxed, and reaches the main process only through the preload's API.
 * A pure function so a unit test can assert every window's settings without Electron.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}
