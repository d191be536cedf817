import type { EventEmitter } from 'node:events';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebPreferences } from 'electron';
import type { IpcResult } from '../../src-shared/ipc/contract';
import { ownerTag } from '../fsx/private-temp-owner';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';

/**
 * src-main/index.ts, the composition root, run under plain Node with `electron` replaced by
 * recording fakes: the order of start-up, the window-state wiring and the quit sequence,
 * against a real database and real files in a temporary user-data folder. (The real app runs
 * in the Electron end-to-end tier, which needs the Electron binary.)
 */
type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<IpcResult<unknown>>;

interface FakeWindow extends EventEmitter {
  options: { x?: number; y?: number; width: number; height: number; webPreferences: WebPreferences };
  loaded: string | undefined;
  bounds: { x: number; y: number; width: number; height: number };
}

const fake = vi.hoisted(() => ({
  calls: [] as string[],
  paths: new Map<string, string>(),
  ipcHandlers: new Map<string, Handler>(),
  protocols: new Map<string, (request: Request) => Response | Promise<Response>>(),
  windows: [] as FakeWindow[],
  app: undefined as EventEmitter | undefined,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    setPath(name: string, path: string) {
      fake.calls.push(`setPath ${name}`);
      fake.paths.set(name, path);
    },
    getPath(name: string) {
      const path = fake.paths.get(name);
      if (!path) throw new Error(`no ${name} path in this test`);
      return path;
    },
    requestSingleInstanceLock() {
      fake.calls.push('requestSingleInstanceLock');
      return true;
    },
    whenReady: () => Promise.resolve(),
    getAppPath: () => '/app',
    getVersion: () => '0.0.0-test',
    isPackaged: false,
    quit() {
      fake.calls.push('quit');
    },
  });
  fake.app = app;
  class BrowserWindow extends Emitter {
    loaded: string | undefined;
    bounds: { x: number; y: number; width: number; height: number };
    destroyed = false;
    readonly webContents = { id: 41, isDestroyed: () => this.destroyed, send: () => undefined };
    constructor(readonly options: FakeWindow['options']) {
      super();
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width, height: options.height };
      fake.windows.push(this);
      fake.calls.push('new BrowserWindow');
    }
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    isMaximized = () => false;
    getNormalBounds = () => ({ ...this.bounds });
  }
  // Scheduled backups' Electron parts. With the default settings on Linux (no schedule, no close
  // to tray) no tray icon is made, nothing is derived, sealed or notified, and no dialog opens:
  // each of those fails loudly here if start-up ever reaches it.
  const notInThisTest = (what: string) => () => {
    throw new Error(`${what} is not expected while starting and quitting`);
  };
  return {
    app,
    BrowserWindow,
    powerMonitor: new Emitter(),
    nativeTheme: {
      get themeSource() {
        return 'system';
      },
      set themeSource(theme: string) {
        fake.calls.push(`themeSource ${theme}`);
      },
    },
    Tray: notInThisTest('a tray icon'),
    // The application menu (File > Import notes…, Export notes…) is built once the window is open.
    Menu: {
      buildFromTemplate: (template: { label?: string; role?: string }[]) => {
        fake.calls.push(`application menu ${template.map((menu) => menu.label ?? menu.role).join()}`);
        return template;
      },
      setApplicationMenu: () => undefined,
    },
    Notification: { isSupported: notInThisTest('a notification') },
    safeStorage: { isEncryptionAvailable: notInThisTest('the keychain') },
    dialog: {
      showOpenDialog: notInThisTest('a file dialog'),
      // A start-up failure ends here: recorded, so the test that waits for the window says why.
      showErrorBox: (title: string, message: string) => fake.calls.push(`error box: ${title}: ${message}`),
    },
    shell: { showItemInFolder: notInThisTest('the file manager') },
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) =>
        fake.calls.push(`registerSchemesAsPrivileged ${schemes.map((entry) => entry.scheme).join()}`),
    },
    ipcMain: {
      handle: (channel: string, handler: Handler) => fake.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => fake.ipcHandlers.delete(channel),
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => fake.calls.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => fake.calls.push('setPermissionCheckHandler'),
        protocol: {
          handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
            fake.calls.push(`protocol.handle ${scheme}`);
            fake.protocols.set(scheme, handler);
          },
        },
      },
    },
  };
});

describe('starting and quitting the main process', () => {
  let userData: string;
  let leftover: string;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'notevault-main-start-'));
    vi.stubEnv('NOTEVAULT_USER_DATA', userData);
    // The app sweeps the system temp folder at start (older versions' leftovers); here it sweeps
    // a private one instead, so it never wipes the temp folders of tests running alongside
    // (os.tmpdir() reads TMPDIR). Not `<user data>/tmp`: that is the app's own 0700 root.
    const temp = join(userData, 'system-tmp');
    mkdirSync(temp);
    vi.stubEnv('TMPDIR', temp);
    vi.stubEnv('TMP', temp);
    vi.stubEnv('TEMP', temp);
    // Made by a NoteVault process that has since died (a crash): its owner no longer runs.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    leftover = mkdtempSync(join(temp, `notevault-tmp-backup-${ownerTag({ pid: deadPid, threadId: 0 })}-`));
    writeFileSync(join(leftover, 'snapshot.db'), 'plaintext notes');
    writeFileSync(join(temp, 'unrelated.txt'), 'not ours');
    // Electron always has a home folder; the OS scheduler's seam reads it at start (a private
    // one, holding no scheduler entry, so start looks and finds nothing to remove).
    const home = join(userData, 'home');
    mkdirSync(home);
    fake.paths.set('home', home);
    // A person who chose the dark theme in an earlier run.
    await (
      await SettingsStore.open(join(userData, SETTINGS_FILE), { platform: process.platform })
    ).update({
      theme: 'dark',
    });
    await import('../index');
    // whenReady() has resolved; its callback opens the services, then the window.
    await vi.waitFor(
      () => {
        expect(fake.calls.filter((call) => call.startsWith('error box'))).toEqual([]);
        expect(fake.windows).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
  });

  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(userData, { recursive: true, force: true });
  });

  it('moves userData and registers app:// before the single-instance lock, and hardens the session before the window', () => {
    expect(fake.calls.slice(0, 3)).toEqual([
      'setPath userData',
      'registerSchemesAsPrivileged app',
      'requestSingleInstanceLock',
    ]);
    expect(fake.paths.get('userData')).toBe(userData);
    const window = fake.calls.indexOf('new BrowserWindow');
    expect(fake.calls.indexOf('setPermissionRequestHandler')).toBeLessThan(window);
    // The page's handler exists before the page loads; file:// is refused in the session.
    expect(fake.calls.indexOf('protocol.handle app')).toBeLessThan(window);
    expect(fake.calls.indexOf('protocol.handle file')).toBeLessThan(window);
    expect(fake.app?.listenerCount('web-contents-created')).toBe(1);
  });

  it("gives Electron's native menus, dialogs and title bar the saved theme before the window opens", () => {
    const themed = fake.calls.indexOf('themeSource dark');
    expect(themed).toBeGreaterThan(-1);
    expect(themed).toBeLessThan(fake.calls.indexOf('new BrowserWindow'));
  });

  it('wiped the plaintext a crashed earlier run left in the temp folder', () => {
    expect(existsSync(leftover)).toBe(false);
    expect(readdirSync(join(userData, 'system-tmp'))).toEqual(['unrelated.txt']);
  });

  it('opens the database in the user-data folder and one secure window showing the renderer', async () => {
    expect(existsSync(join(userData, 'notevault.db'))).toBe(true);
    // So a command-line restore of this database refuses while the app runs.
    const record = new Database(join(userData, 'notevault.db-owner'), { timeout: 0 });
    expect(() => record.exec('BEGIN IMMEDIATE')).toThrow(/locked/);
    record.close();
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(window?.options).toMatchObject({ width: 1100, height: 750 });
    expect(window?.loaded).toBe('app://notevault/index.html');
    const rendererUrl = window?.loaded;
    const create = fake.ipcHandlers.get('notes:create');
    const event = {
      sender: { id: 41 },
      senderFrame: { url: rendererUrl, parent: null },
    } as unknown as IpcMainInvokeEvent;
    expect(await create?.(event, { title: 'from the window', body: '' })).toMatchObject({ ok: true });
  });

  it('saves the window state on close and holds the quit until it is written, then closes the database', async () => {
    const [window] = fake.windows;
    if (!window) throw new Error('no window');
    window.bounds = { x: 200, y: 150, width: 900, height: 600 };
    const wal = join(userData, 'notevault.db-wal');
    const walSize = () => (existsSync(wal) ? statSync(wal).size : 0);
    expect(walSize()).toBeGreaterThan(0); // the note created above is still in the WAL
    window.emit('close');
    let prevented = false;
    fake.app?.emit('will-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    // IPC is removed at once, so no late request reaches the closing database.
    expect(fake.ipcHandlers.size).toBe(0);
    // closeNotesDatabase checkpointed the WAL into the database file and closed it.
    expect(walSize()).toBe(0);
    expect(existsSync(join(userData, 'notevault.db-owner'))).toBe(false);
    await vi.waitFor(() => expect(fake.calls.at(-1)).toBe('quit'));
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      version: 1,
      x: 200,
      y: 150,
      width: 900,
      height: 600,
      isMaximized: false,
    });
    // The second will-quit (after app.quit()) is not held again.
    let heldAgain = false;
    fake.app?.emit('will-quit', { preventDefault: () => (heldAgain = true) });
    expect(heldAgain).toBe(false);
  });
});
