import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcResult } from '../../src-shared/ipc/contract';
import { createNotesHandlers } from './notes-handlers';
import { notesOnlyHandlers } from '../../test/main/ipc/notes-only-handlers';
import { registerElectronIpc, senderInfoOf, windowEventSink } from './register-electron-ipc';
import { createIpcRouter } from './router';
import type { SenderInfo } from './sender-info';
import { createTempNotesDatabase } from '../../test/main/ipc/temp-notes-database';
import type { TempNotesDatabase } from '../../test/main/ipc/temp-notes-database';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;

// Electron cannot run here (and require('electron') tries to download it): ipcMain is
// replaced by a table of handlers, the way Electron keeps them.
const ipcMainHandlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (ipcMainHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcMainHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => ipcMainHandlers.delete(channel),
  },
}));

const RENDERER_URL = 'file:///app/out/renderer/index.html';

function invokeEvent(
  frame: { url: string; parent: object | null } | null,
  webContentsId = 1,
): IpcMainInvokeEvent {
  return { sender: { id: webContentsId }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('registerElectronIpc', () => {
  let temp: TempNotesDatabase;
  let unregister: () => void;

  beforeEach(() => {
    temp = createTempNotesDatabase();
    const router = createIpcRouter({
      handlers: notesOnlyHandlers(
        createNotesHandlers(
          () => temp.notes,
          () => undefined,
          () => Promise.resolve(false),
        ),
      ),
      isTrustedSender: (sender: SenderInfo) => sender.isMainFrame && sender.frameUrl === RENDERER_URL,
      log: () => undefined,
    });
    unregister = registerElectronIpc(router);
  });

  afterEach(() => {
    unregister();
    temp.dispose();
  });

  it('handles exactly the contract’s channels, and removes them again', () => {
    expect([...ipcMainHandlers.keys()].sort()).toEqual([...ipcChannels].sort());
    unregister();
    expect(ipcMainHandlers.size).toBe(0);
  });

  it('routes a request from our main frame to the repository', async () => {
    const handler = ipcMainHandlers.get('notes:create');
    const result = await handler?.(invokeEvent({ url: RENDERER_URL, parent: null }), {
      title: 'From IPC',
      body: '',
    });
    expect(result).toMatchObject({ ok: true, value: { title: 'From IPC' } });
    expect(temp.notes.count()).toBe(1);
  });

  it('refuses a request from an iframe of our page and from a destroyed frame', async () => {
    const handler = ipcMainHandlers.get('notes:create');
    const payload = { title: 'x', body: '' };
    const fromIframe = await handler?.(invokeEvent({ url: RENDERER_URL, parent: {} }), payload);
    const fromGoneFrame = await handler?.(invokeEvent(null), payload);
    expect(fromIframe).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(fromGoneFrame).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(temp.notes.count()).toBe(0);
  });
});

describe('senderInfoOf', () => {
  it('reads the window id, the frame URL and whether it is the top frame', () => {
    expect(senderInfoOf(invokeEvent({ url: RENDERER_URL, parent: null }, 4))).toEqual({
      webContentsId: 4,
      frameUrl: RENDERER_URL,
      isMainFrame: true,
    });
    expect(senderInfoOf(invokeEvent(null, 4))).toEqual({
      webContentsId: 4,
      frameUrl: undefined,
      isMainFrame: false,
    });
  });
});

describe('windowEventSink', () => {
  it('sends to a live window and drops events while there is none or it is destroyed', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const window = {
      isDestroyed: () => destroyed,
      webContents: { isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) },
    } as unknown as BrowserWindow;
    let current: BrowserWindow | undefined = undefined;
    const emit = windowEventSink(() => current);

    emit('notes:didChange', { reason: 'created', ids: ['a'] });
    current = window;
    emit('notes:didChange', { reason: 'updated', ids: ['a'] });
    destroyed = true;
    emit('notes:didChange', { reason: 'trashed', ids: ['a'] });

    expect(sent).toEqual([['notes:didChange', { reason: 'updated', ids: ['a'] }]]);
  });
});
