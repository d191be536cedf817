import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { headlessRunPath, readHeadlessRun } from '../os-schedule/headless-run-record';
import {
  headlessRunningPath,
  readHeadlessRunning,
  removeHeadlessRunning,
  writeHeadlessRunning,
} from '../os-schedule/headless-running-marker';

// The Electron glue of --run-scheduled-backup with a recording stand-in for Electron's `app`
// (Electron cannot run under Node); the services it opens are the app's real ones over a
// temporary user-data folder.
const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    exits: [] as number[],
    relaunches: [] as unknown[],
    readyCalls: 0,
    quits: 0,
    lockAnswers: [] as boolean[],
  };
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
    quit: () => void (fake.state.quits += 1),
    requestSingleInstanceLock: () => fake.state.lockAnswers.shift() ?? false,
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
const { runScheduledBackupHeadless, startAfterScheduledRun } = await import('./headless-electron');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-headless-electron-'));
  fake.state.userData = join(root, 'userData');
  fake.state.exits = [];
  fake.state.relaunches = [];
  fake.state.readyCalls = 0;
  fake.state.quits = 0;
  fake.state.lockAnswers = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('NoteVault --run-scheduled-backup (Electron side)', () => {
  it('exits 0 at once, before Electron is even ready, while NoteVault itself runs', () => {
    runScheduledBackupHeadless(false, root);
    expect(fake.state.exits).toEqual([0]);
    expect(fake.state.readyCalls).toBe(0);
  });

  it("opens the app's own files, does nothing with the option off, notes the run, and exits 0 without starting anything (systemd and launchd would end what it started)", async () => {
    runScheduledBackupHeadless(true, root);
    app.emit('second-instance', {}, ['NoteVault']);
    await vi.waitFor(() => expect(fake.state.exits).toEqual([0]), { timeout: 20_000 });
    expect((await readHeadlessRun(headlessRunPath(fake.state.userData)))?.outcome).toBe('off');
    expect(fake.state.relaunches).toEqual([]);
    // The marker a NoteVault opened meanwhile waits on is gone once the run has ended.
    expect(await readHeadlessRunning(headlessRunningPath(fake.state.userData))).toBeNull();
  }, 30_000);

  it('a NoteVault opened while the run holds the lock starts once the lock is free, and quits when an open NoteVault holds it', async () => {
    await mkdir(fake.state.userData, { recursive: true });
    await writeHeadlessRunning(headlessRunningPath(fake.state.userData), {
      pid: process.pid,
      startedAt: Date.now(),
    });
    fake.state.lockAnswers = [false, true];
    let started = 0;
    startAfterScheduledRun(() => (started += 1));
    await vi.waitFor(() => expect(started).toBe(1), { timeout: 5_000 });
    expect(fake.state.quits).toBe(0);

    await removeHeadlessRunning(headlessRunningPath(fake.state.userData));
    startAfterScheduledRun(() => (started += 1));
    await vi.waitFor(() => expect(fake.state.quits).toBe(1));
    expect(started).toBe(1);
  }, 10_000);
});
