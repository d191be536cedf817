import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcEventSink } from './event-sink';
import type { IpcRouter } from './router';
import type { SenderInfo } from './sender-info';

/**
 * Binds every contract channel to the router. Returns a function that removes the
 * handlers again (for a clean shutdown, and so a second registration fails loudly
 * instead of Electron's "Attempted to register a second handler").
 */
export function registerElectronIpc(router: IpcRouter): () => void {
  for (const channel of ipcChannels) {
    // Only the first argument is the payload: extra arguments from the renderer are ignored.
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) =>
      router.dispatch(channel, payload, senderInfoOf(event)),
    );
  }
  return () => {
    for (const channel of ipcChannels) ipcMain.removeHandler(channel);
  };
}

export function senderInfoOf(event: IpcMainInvokeEvent): SenderInfo {
  // senderFrame is null when the frame navigated away or was destroyed before we got here.
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/** Events go to the main window only, and are dropped while it is closed or closing. */
export function windowEventSink(getWindow: () => BrowserWindow | undefined): IpcEventSink {
  return (event, payload) => {
    const window = getWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(event, payload);
  };
}
