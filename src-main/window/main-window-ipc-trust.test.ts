import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcChannels } from '../../src-shared/ipc/contract';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc/contract';
import type { Note } from '../../src-shared/notes';
import { installIpc } from '../ipc/install-ipc';
import { RENDERER_URL } from './app-origin';
import { windowEventSink } from '../ipc/register-electron-ipc';
import { createIpcAppFixture, createIpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import type { IpcAppFixture, IpcTemplate } from '../../test/main/ipc/ipc-app-fixture';
import { validRequest } from '../../test/main/ipc/valid-requests';

/**
 * The IPC composition root as Electron runs it (installIpc: the real router, the real
 * trusted-sender policy, the Electron binding, over the app's real services from
 * createAppServices), with ipcMain replaced by a table of handlers. src-main/ipc tests each
 * piece; this checks that, wired together, every channel answers only the main frame of the
 * main window showing our own page, app://notevault/index.html.
 */
type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcResult<unknown>>;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

// The built page as a file: trusted before the renderer moved to app://, never now.
const RENDERER_FILE_URL = pathToFileURL('/opt/NoteVault/resources/app.asar/out/renderer/index.html').href;
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
  [
    'the built renderer file over file:// in our window',
    { id: MAIN_ID, frame: { url: RENDERER_FILE_URL, parent: null } },
  ],
  ['a frame that is already gone', { id: MAIN_ID, frame: null }],
];

let template: IpcTemplate;
beforeAll(async () => {
  template = await createIpcTemplate();
});
afterAll(() => template.remove());

describe('IPC into the main process', () => {
  let fixture: IpcAppFixture;
  let seed: Note;
  let mainWindow: BrowserWindow | undefined;
  let sent: unknown[];
  let uninstall: () => void;

  const notes = () => fixture.services.holder.repository();

  beforeEach(async () => {
    sent = [];
    mainWindow = {
      isDestroyed: () => false,
      webContents: { id: MAIN_ID, isDestroyed: () => false, send: (...args: unknown[]) => sent.push(args) },
    } as unknown as BrowserWindow;
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // The services send their events to the main window, as src-main/index.ts wires them.
    fixture = await createIpcAppFixture(template, { events: windowEventSink(() => mainWindow) });
    seed = notes().create({ title: 'seed', body: 'seed text' });
    uninstall = installIpc({
      services: { ...fixture.services, notes, links: fixture.links },
      getMainWindow: () => mainWindow,
    });
  });

  afterEach(async () => {
    uninstall();
    await fixture.dispose();
    vi.restoreAllMocks();
  });

  async function invoke(channel: IpcChannel, sender: Sender, payload: unknown) {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event(sender), payload);
  }

  it('covers every channel of the contract', () => {
    expect([...handlers.keys()].sort()).toEqual([...ipcChannels].sort());
  });

  it('answers every channel from the main frame of our window showing our page', async () => {
    for (const channel of ipcChannels) {
      const payload = await validRequest(channel, fixture);
      expect(await invoke(channel, OUR_PAGE, payload), channel).toMatchObject({ ok: true });
    }
    expect(sent.map((args) => (args as [string])[0])).toEqual(
      expect.arrayContaining(['notes:didChange', 'backup:didProgress', 'restore:didReplaceDatabase']),
    );
  });

  it.each(UNTRUSTED)('refuses every channel from %s, and changes nothing', async (_label, sender) => {
    for (const channel of ipcChannels) {
      const payload = await validRequest(channel, fixture);
      const before = { live: notes().list(), trash: notes().list({ trashed: true }) };
      const backups = readdirSync(fixture.backupFolder).sort();
      sent = [];
      expect(await invoke(channel, sender, payload), channel).toEqual({
        ok: false,
        error: {
          code: 'VALIDATION',
          message: expect.stringContaining(
            'refused a request from a page that is not its own window',
          ) as string,
        },
      });
      expect({ live: notes().list(), trash: notes().list({ trashed: true }) }, channel).toEqual(before);
      expect(readdirSync(fixture.backupFolder).sort(), channel).toEqual(backups);
      expect(sent, channel).toEqual([]);
    }
    expect(notes().get(seed.id)).toEqual(seed);
    expect(fixture.shownInFolder).toEqual([]);
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
