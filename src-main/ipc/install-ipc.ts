import type { BrowserWindow } from 'electron';
import { createIpcHandlers } from './app-handlers';
import type { IpcServices } from './app-handlers';
import { registerElectronIpc, windowEventSink } from './register-electron-ipc';
import { createIpcRouter } from './router';
import { RENDERER_URL } from '../window/app-origin';
import { createTrustedSenderCheck } from './trusted-sender';

export type { IpcServices } from './app-handlers';

export interface InstallIpcOptions {
  services: IpcServices;
  /** The window whose main frame may call the API and receives events. */
  getMainWindow: () => BrowserWindow | undefined;
  /** electron-vite's dev server URL; pass it only in unpackaged development builds. */
  devServerUrl?: string | undefined;
}

/**
 * The IPC composition root: every domain's handlers, the sender check and the Electron
 * binding. Call it before the window loads, so the renderer's first request finds a
 * handler; call the returned function before closing the services.
 */
export function installIpc(options: InstallIpcOptions): () => void {
  const { services, getMainWindow } = options;
  const router = createIpcRouter({
    handlers: createIpcHandlers(services, windowEventSink(getMainWindow)),
    isTrustedSender: createTrustedSenderCheck({
      mainWebContentsId: () => {
        const window = getMainWindow();
        return window && !window.isDestroyed() ? window.webContents.id : undefined;
      },
      rendererUrl: RENDERER_URL,
      devServerUrl: options.devServerUrl,
    }),
  });
  return registerElectronIpc(router);
}
