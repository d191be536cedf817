import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { NotevaultTransport } from '../../src-shared/ipc/client';
import { isIpcChannel, isIpcEvent } from '../../src-shared/ipc/names';
import {
  IPC_PAYLOAD_LIMITS,
  payloadExceeds,
  payloadTooLargeMessage,
} from '../../src-shared/ipc/payload-limits';

/**
 * The renderer's whole view of the main process: `window.notevault`, a frozen transport
 * limited to the contract's channels and events. The renderer builds its typed API over
 * it with createNotevaultApi (src-shared/ipc/client.ts) in its own JavaScript world,
 * because contextBridge would strip the error codes from errors thrown here.
 * Validation and the sender check happen in the main process; this only forwards, after
 * refusing an oversized payload so it is never copied across (the router checks again).
 */
export const preloadTransport: NotevaultTransport = Object.freeze({
  invoke(channel: unknown, payload: unknown) {
    if (!isIpcChannel(channel)) {
      return Promise.resolve({
        ok: false as const,
        error: {
          code: 'VALIDATION' as const,
          message: `NoteVault has no request named ${JSON.stringify(channel)}.`,
        },
      });
    }
    if (payloadExceeds(payload, IPC_PAYLOAD_LIMITS[channel])) {
      return Promise.resolve({
        ok: false as const,
        error: { code: 'VALIDATION' as const, message: payloadTooLargeMessage(channel) },
      });
    }
    return ipcRenderer.invoke(channel, payload) as ReturnType<NotevaultTransport['invoke']>;
  },

  subscribe(event: unknown, listener: (payload: unknown) => void) {
    if (!isIpcEvent(event)) throw new TypeError(`NoteVault has no event named ${JSON.stringify(event)}.`);
    if (typeof listener !== 'function') throw new TypeError('A NoteVault event listener must be a function.');
    // The wrapper hides Electron's event object (it carries `sender`, i.e. ipcRenderer);
    // unsubscribing removes this same wrapper, not a fresh closure.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
});

contextBridge.exposeInMainWorld('notevault', preloadTransport);
