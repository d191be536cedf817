import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../backup/format/kdf';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { HEADLESS_RUN_FILE, readHeadlessRun } from '../os-schedule/headless-run-record';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { TestClock } from '../../test/main/schedule/test-clock';
import { createAppServices } from './app-services';
import type { AppSeams } from './app-services';
import { runHeadlessScheduledBackup } from './headless-scheduled-run';
import type { HeadlessRunSeams } from './headless-scheduled-run';

// The headless run through the seams the scheduler and tray tests use: the real composition
// root over one user-data folder (real job worker, SQLite, libsodium, the test keychain, the
// test clock). The "app" turns scheduled backups on and quits; the OS scheduler then starts
// the headless run, which opens the same files anew.
const PASSKEY = 'quiet harbour under pale stars';
const DAY = 24 * 3600_000;
let worker: BuiltWorker;
let root: string;
let userData: string;
let clock: TestClock;
let seams: AppSeams;
let sealer: InMemorySealer;
let notifications: string[];
let opened: number;

beforeAll(async () => {
  worker = await buildJobWorker();
});
afterAll(() => worker.remove());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-headless-'));
  userData = join(root, 'userData');
  await mkdir(join(root, 'backups'));
  await mkdir(join(root, 'tmp'));
  clock = new TestClock(Date.UTC(2026, 11, 6, 9, 0, 0));
  sealer = new InMemorySealer();
  notifications = [];
  opened = 0;
  seams = {
    dialogs: {
      chooseFolder: () => Promise.resolve(join(root, 'backups')),
      chooseBackupFile: () => Promise.resolve(null),
      chooseSaveFile: () => Promise.resolve(null),
      confirm: () => Promise.resolve(false),
      showInFolder: () => undefined,
    },
    events: () => undefined,
    workerPath: worker.workerPath,
    appVersion: '0.0.0-test',
    platform: 'linux',
    tempParent: join(root, 'tmp'),
    log: () => undefined,
    schedule: {
      clock,
      keyStore: new FileSealedKeyStore(join(userData, 'sealed-backup-key.bin'), sealer),
      deriveKey,
      notify: (title) => void notifications.push(title),
    },
  };
  // The app: a backup folder, a note, scheduled backups (daily) and "keep backing up when closed".
  const app = await createAppServices(userData, seams);
  await app.settings.chooseBackupFolder();
  app.holder.repository().create({ title: 'Alpha', body: 'first' });
  await app.schedule.enable('daily', PASSKEY);
  await app.settingsStore.update({ backupWhileClosed: { enabled: true, whenLoggedOff: false } });
  await app.dispose();
}, 60_000);

afterEach(() => rm(root, { recursive: true, force: true }));

function headless(overrides: Partial<HeadlessRunSeams> = {}): HeadlessRunSeams {
  return {
    isOnlyInstance: () => true,
    openServices: () => {
      opened += 1;
      return createAppServices(userData, seams);
    },
    now: () => clock.now(),
    headlessRunFile: join(userData, HEADLESS_RUN_FILE),
    notify: (title) => void notifications.push(title),
    log: () => undefined,
    ...overrides,
  };
}

/** The history and backups as the app sees them the next time it opens. */
async function appView() {
  const app = await createAppServices(userData, seams);
  try {
    return { status: app.history.get(), files: await readdir(join(root, 'backups')) };
  } finally {
    await app.dispose();
  }
}

describe('the headless scheduled run', () => {
  it('backs up when due, with the device key, recorded where the app reads it; then not again until due', async () => {
    expect(await runHeadlessScheduledBackup(headless())).toEqual({ exitCode: 0, outcome: 'backed-up' });
    const first = await appView();
    expect(first.status.lastRun).toMatchObject({ kind: 'scheduled', ok: true, noteCount: 1 });
    expect(first.files.filter((name) => name.endsWith('.nvbak'))).toHaveLength(1);
    expect(await readHeadlessRun(join(userData, HEADLESS_RUN_FILE))).toEqual({
      at: clock.now(),
      outcome: 'backed-up',
    });

    clock.sleep(3600_000);
    expect(await runHeadlessScheduledBackup(headless())).toEqual({ exitCode: 0, outcome: 'not-due' });
    expect((await appView()).files.filter((name) => name.endsWith('.nvbak'))).toHaveLength(1);

    clock.sleep(DAY);
    expect(await runHeadlessScheduledBackup(headless())).toEqual({ exitCode: 0, outcome: 'backed-up' });
    expect((await appView()).files.filter((name) => name.endsWith('.nvbak'))).toHaveLength(2);
    expect(notifications).toEqual([]);
  }, 60_000);

  it('exits at once, opening nothing, while NoteVault itself runs', async () => {
    expect(await runHeadlessScheduledBackup(headless({ isOnlyInstance: () => false }))).toEqual({
      exitCode: 0,
      outcome: 'app-running',
    });
    expect(opened).toBe(0);
    expect(await readHeadlessRun(join(userData, HEADLESS_RUN_FILE))).toBeNull();
  });

  it('does nothing once the setting is off', async () => {
    const app = await createAppServices(userData, seams);
    await app.settingsStore.update({ backupWhileClosed: { enabled: false, whenLoggedOff: false } });
    await app.dispose();
    expect(await runHeadlessScheduledBackup(headless())).toEqual({ exitCode: 0, outcome: 'off' });
    expect((await appView()).status.lastRun).toBeNull();
  }, 30_000);

  it('a backup that fails (the saved key is gone) exits 1, is notified and recorded for the app to show', async () => {
    const app = await createAppServices(userData, seams);
    await seams.schedule!.keyStore.forget();
    await app.dispose();
    expect(await runHeadlessScheduledBackup(headless())).toEqual({ exitCode: 1, outcome: 'failed' });
    expect(notifications).toEqual(['Scheduled backup failed']);
    expect((await appView()).status.lastRun).toMatchObject({
      kind: 'scheduled',
      ok: false,
      remedy: 'settings',
    });
    expect(await readHeadlessRun(join(userData, HEADLESS_RUN_FILE))).toMatchObject({ outcome: 'failed' });
  }, 30_000);
});
