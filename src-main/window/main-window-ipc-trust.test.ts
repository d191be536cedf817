import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc/contract';
import type { Note } from '../../src-shared/notes';
import { installIpc } from '../ipc/install-ipc';
import { createTempNotesDatabase } from '../ipc/testing/temp-notes-database';
import type { TempNotesDatabase } from '../ipc/testing/temp-notes-database';

/**
 * The IPC composition root as Electron runs it (installIpc: the real router, the real
 * trusted-sender policy, the Electron binding), with ipcMain replaced by a table of
 * handlers. src-main/ipc tests each piece; this checks that, wired together, every channel
 * answers only the main frame of the main window showing our own renderer file.
 */
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const RENDERER_FILE = '/opt/NoteVault/resources/app.asar/out/renderer/index.html';
const RENDERER_URL = pathToFileURL(RENDERER_FILE).href;
const MAIN_ID = 7;

interface Sender {
  id: number;
  frame: { url: string; parent: object | null } | null;
}

function event({ id, frame }: Sender): IpcMainInvokeEvent {
  return { sender: { id }, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const OUR_PAGE: Sender = { id: MAIN_ID, frame: { url: RENDERER_URL, parent: null } };

const UNTRUSTED: [string, Sender][] = [
  ['another window showing our page', { id: 8, frame: { url: RENDERER_URL, parent: null } }],
  ['an iframe inside our window', { id: MAIN_ID, frame: { url: RENDERER_URL, parent: {} } }],
  [
    'a web page that got into our window',
    { id: MAIN_ID, frame: { url: 'https://evil.example/', parent: null } },
  ],
  [
    'another local file in our window',
    { id: MAIN_ID, frame: { url: 'file:///tmp/evil.html', parent: null } },
  ],
  ['a frame that is already gone', { id: MAIN_ID, frame: null }],
];

/** One valid request per channel, in an order in which each succeeds from our own page. */
function requests(id: string): [IpcChannel, unknown][] {
  return [
    ['notes:list', undefined],
    ['notes:count', { trashed: false }],
    ['notes:get', { id }],
    ['notes:search', { query: 'seed' }],
    ['notes:update', { id, patch: { pinned: true } }],
    ['notes:trash', { id }],
    ['notes:restore', { id }],
    ['notes:trash', { id }],
    ['notes:purge', { id }],
    ['notes:create', { title: 'created over IPC', body: '' }],
    ['notes:emptyTrash', undefined],
  ];
}

describe('IPC into the main process', () => {
  let temp: TempNotesDatabase;
  let seed: Note;
  let mainWindow: BrowserWindow | undefined;
  let sent: unknown[];
  let uninstall: () => void;

  beforeEach(() => {
    temp = createTempNotesDatabase();
    seed = temp.notes.create({ title: 'seed', body: 'seed text' });
    sent = [];
    mainWindow = {
      isDestroyed: () => false,
      webContents: { id: MAIN_ID, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) },
    } as unknown as BrowserWindow;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    uninstall = installIpc({
      services: { notes: () => temp.notes },
      getMainWindow: () => mainWindow,
      rendererFile: RENDERER_FILE,
    });
  });

  afterEach(() => {
    uninstall();
    temp.dispose();
    vi.restoreAllMocks();
  });

  async function invoke(channel: IpcChannel, sender: Sender, payload: unknown) {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event(sender), payload);
  }

  it('covers every channel of the contract', () => {
    expect(new Set(requests(seed.id).map(([channel]) => channel))).toEqual(new Set(ipcChannels));
    expect([...handlers.keys()].sort()).toEqual([...ipcChannels].sort());
  });

  it('answers every channel from the main frame of our window showing our page', async () => {
    for (const [channel, payload] of requests(seed.id)) {
      expect(await invoke(channel, OUR_PAGE, payload), channel).toMatchObject({ ok: true });
    }
    expect(temp.notes.count()).toBe(1);
    expect(sent.length).toBeGreaterThan(0);
  });

  it.each(UNTRUSTED)('refuses every channel from %s, and changes nothing', async (_label, sender) => {
    for (const [channel, payload] of requests(seed.id)) {
      expect(await invoke(channel, sender, payload), channel).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: expect.stringContaining(
            'refused a request from a page that is not its own window',
          ) as string,
        },
      });
    }
    expect(temp.notes.get(seed.id)).toEqual(seed);
    expect(temp.notes.count()).toBe(1);
    expect(sent).toEqual([]);
  });

  it('refuses even our own page while there is no main window (closed, or not yet created)', async () => {
    mainWindow = undefined;
    expect(await invoke('notes:list', OUR_PAGE, undefined)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    mainWindow = { isDestroyed: () => true, webContents: { id: MAIN_ID } } as unknown as BrowserWindow;
    expect(await invoke('notes:list', OUR_PAGE, undefined)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });
});
