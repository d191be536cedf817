import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEADLESS_RUN_FILE, readHeadlessRun } from '../os-schedule/headless-run-record';

// The Electron glue of --run-scheduled-backup with a recording stand-in for Electron's `app`
// (Electron cannot run under Node); the services it opens are the app's real ones over a
// temporary user-data folder.
const fake = vi.hoisted(() => {
  const state = { userData: '', exits: [] as number[], relaunches: [] as unknown[], readyCalls: 0 };
  return { state };
});

vi.mock('electron', () => {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    dock: { hide: () => undefined },
    getPath: (name: string) => (name === 'userData' ? fake.state.userData : tmpdir()),
    getAppPath: () => process.cwd(),
    getVersion: () => '0.0.0-test',
    whenReady: () => {
      fake.state.readyCalls += 1;
      return Promise.resolve();
    },
    exit: (code: number) => void fake.state.exits.push(code),
    relaunch: (options: unknown) => void fake.state.relaunches.push(options),
  });
  return {
    app,
    dialog: {},
    shell: {},
    Notification: Object.assign(class {}, { isSupported: () => false }),
    safeStorage: { isEncryptionAvailable: () => false },
  };
});

const { app } = await import('electron');
const { runScheduledBackupHeadless } = await import('./headless-electron');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-headless-electron-'));
  fake.state.userData = join(root, 'userData');
  fake.state.exits = [];
  fake.state.relaunches = [];
  fake.state.readyCalls = 0;
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('NoteVault --run-scheduled-backup (Electron side)', () => {
  it('exits 0 at once, before Electron is even ready, while NoteVault itself runs', () => {
    runScheduledBackupHeadless(false, root);
    expect(fake.state.exits).toEqual([0]);
    expect(fake.state.readyCalls).toBe(0);
  });

  it("opens the app's own files, does nothing with the option off, notes the run, exits 0, and restarts a NoteVault opened meanwhile", async () => {
    runScheduledBackupHeadless(true, root);
    app.emit('second-instance', {}, ['NoteVault']);
    await vi.waitFor(() => expect(fake.state.exits).toEqual([0]), { timeout: 20_000 });
    expect((await readHeadlessRun(join(fake.state.userData, HEADLESS_RUN_FILE)))?.outcome).toBe('off');
    expect(fake.state.relaunches).toEqual([
      { args: process.argv.slice(1).filter((arg) => arg !== '--run-scheduled-backup') },
    ]);
  }, 30_000);
});
