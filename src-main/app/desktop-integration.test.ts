import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, MenuItemConstructorOptions } from 'electron';
import type { BackupRunRecord } from '../../src-shared/settings';
import { deriveKey } from '../backup/format/kdf';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { FileSealedKeyStore, SEALED_KEY_FILE } from '../keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { enableDeviceKey } from '../keystore/unattended-key';
import { TestClock } from '../../test/main/schedule/test-clock';
import { createAppServices } from './app-services';
import type { AppServices } from './app-services';
import { installDesktopIntegration } from './desktop-integration';
import type { DesktopIntegration } from './desktop-integration';
import {
  fakeApp,
  fakePowerMonitor,
  FakeWindow,
  recorded,
  resetElectronFakes,
} from '../../test/main/app/desktop-integration-test-support';
import type { FakeTray } from '../../test/main/app/desktop-integration-test-support';

/**
 * The Electron glue run under Node: `electron` is replaced by recording fakes of app,
 * powerMonitor, Tray and Menu, while everything the glue decides with is real: the app's
 * services over a temporary user-data folder (settings and backup history on disk, SQLite,
 * the job worker), the scheduler on a test clock, the test keychain.
 */
vi.mock(
  'electron',
  async () => (await import('../../test/main/app/desktop-integration-test-support')).fakeElectron,
);

const PASSKEY = 'copper kettle on a winter porch';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let worker: BuiltWorker;
let root: string;
let start: number;
let clock: TestClock;
let keyStore: FileSealedKeyStore;
let services: AppServices;
let desktop: DesktopIntegration | undefined;
let requested: { event: string; payload: unknown }[];
let windowShown: number;

beforeAll(async () => {
  worker = await buildJobWorker();
});
afterAll(() => worker.remove());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-desktop-'));
  await mkdir(join(root, 'backups'));
  await mkdir(join(root, 'tmp'));
  start = Date.UTC(2026, 4, 4, 9, 0, 0);
  // The tray writes "5 min ago" with Date.now and refreshes on a real interval: both follow the test.
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'], now: start });
  clock = new TestClock(start);
  resetElectronFakes();
  requested = [];
  windowShown = 0;
  const userData = join(root, 'userData');
  keyStore = new FileSealedKeyStore(join(userData, SEALED_KEY_FILE), new InMemorySealer());
  services = await createAppServices(userData, {
    dialogs: {
      chooseFolder: () => Promise.resolve(join(root, 'backups')),
      chooseBackupFile: () => Promise.resolve(null),
      chooseSaveFile: () => Promise.resolve(null),
      // Nothing here deletes; a question would be a bug, and it is answered no.
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
      keyStore,
      deriveKey,
      notify: () => undefined,
    },
  });
});

afterEach(async () => {
  Object.assign(process, { resourcesPath: undefined });
  desktop?.dispose();
  desktop = undefined;
  await services.dispose();
  vi.useRealTimers();
  await rm(root, { recursive: true, force: true });
});

/** As in the packaged app; Node has no process.resourcesPath, which the tray's icon folder comes from. */
function packaged(): void {
  fakeApp.isPackaged = true;
  Object.assign(process, { resourcesPath: '/opt/NoteVault/resources' });
}

function install(): DesktopIntegration {
  desktop = installDesktopIntegration({
    settings: services.settings,
    schedule: services.schedule,
    health: services.health,
    runner: services.runner,
    emit: (event, payload) => void requested.push({ event, payload }),
    showMainWindow: () => void (windowShown += 1),
  });
  return desktop;
}

function attachedWindow(integration: DesktopIntegration): FakeWindow {
  const window = new FakeWindow();
  integration.attachWindow(window as unknown as BrowserWindow);
  return window;
}

function shownTray(): FakeTray {
  const shown = recorded.trays.filter((tray) => !tray.destroyed);
  expect(shown).toHaveLength(1);
  return shown[0]!;
}

function menuItem(id: string): MenuItemConstructorOptions {
  const items = shownTray().menu.flatMap((entry) => [
    entry,
    ...(Array.isArray(entry.submenu) ? entry.submenu : []),
  ]);
  const item = items.find((entry) => entry.id === id);
  if (!item) throw new Error(`the tray menu has no "${id}" item`);
  return item;
}

function click(id: string): void {
  (menuItem(id).click as () => void)();
}

const lastTooltip = () => shownTray().tooltips.at(-1);

/** The passkey kept with libsodium's minimum work factors, so turning unattended backups on takes milliseconds. */
async function sealCheapKey(): Promise<void> {
  await enableDeviceKey(PASSKEY, keyStore, deriveKey, join(root, 'userData'), cheapKdfParams());
}

function failedRun(startedAt: number, message: string): BackupRunRecord {
  return {
    kind: 'scheduled',
    startedAt,
    finishedAt: startedAt + 1000,
    ok: false,
    file: null,
    noteCount: null,
    message,
  };
}

describe('close to tray', () => {
  it('hides the window instead of closing it while closeToTray is on', async () => {
    await services.settingsStore.update({ closeToTray: true });
    const window = attachedWindow(install());
    expect(window.close()).toEqual({ prevented: true });
    expect(window.hides).toBe(1);
    expect(window.closed).toBe(false);
  });

  it('really closes once the app is quitting (before-quit, or Quit in the tray menu)', async () => {
    await services.settingsStore.update({ closeToTray: true });
    const integration = install();
    const first = attachedWindow(integration);
    fakeApp.emit('before-quit');
    expect(first.close()).toEqual({ prevented: false });
    expect(first.hides).toBe(0);

    integration.dispose();
    const viaTray = attachedWindow(install());
    click('quit');
    expect(recorded.quits).toBe(1);
    expect(viaTray.close()).toEqual({ prevented: false });
  });

  it('really closes when Windows ends the session, which emits no before-quit', async () => {
    await services.settingsStore.update({ closeToTray: true });
    const window = attachedWindow(install());
    window.emit('session-end');
    expect(window.close()).toEqual({ prevented: false });
    expect(window.hides).toBe(0);
  });

  it('closes normally with closeToTray off, and follows the setting as it changes', async () => {
    await services.settingsStore.update({ closeToTray: false });
    const window = attachedWindow(install());
    await services.settingsStore.update({ closeToTray: true });
    await services.settingsStore.update({ closeToTray: false });
    expect(window.close()).toEqual({ prevented: false });
    expect(window.hides).toBe(0);
  });
});

describe('native theme', () => {
  it("gives Electron's menus, dialogs and title bar the theme setting at start and whenever it changes", async () => {
    await services.settingsStore.update({ theme: 'dark' });
    install();
    expect(recorded.themes).toEqual(['dark']);
    await services.settingsStore.update({ theme: 'light' });
    await services.settingsStore.update({ theme: 'system' });
    expect(recorded.themes).toEqual(['dark', 'light', 'system']);
    desktop?.dispose();
    desktop = undefined;
    await services.settingsStore.update({ theme: 'dark' });
    expect(recorded.themes).toEqual(['dark', 'light', 'system']);
  });
});

describe('start at login', () => {
  it('registers the login item in the packaged app at start and whenever startAtLogin changes', async () => {
    packaged();
    install();
    expect(recorded.loginItems).toEqual([{ openAtLogin: false }]);
    await services.settingsStore.update({ startAtLogin: true });
    await services.settingsStore.update({ closeToTray: true }); // another setting: no new registration
    await services.settingsStore.update({ startAtLogin: false });
    expect(recorded.loginItems).toEqual([
      { openAtLogin: false },
      { openAtLogin: true },
      { openAtLogin: false },
    ]);
  });

  it('never registers the bare Electron binary of a development run', async () => {
    install();
    await services.settingsStore.update({ startAtLogin: true });
    expect(recorded.loginItems).toEqual([]);
  });
});

describe('waking from sleep', () => {
  it('plans a catch-up run shortly after resume when the computer slept through one', async () => {
    const lastSuccess = start - 23 * HOUR;
    await services.history.record({
      kind: 'manual',
      startedAt: lastSuccess,
      finishedAt: lastSuccess + 1000,
      ok: true,
      file: join(root, 'backups', 'earlier.nvbak'),
      noteCount: 3,
      message: null,
    });
    await services.settingsStore.update({ schedule: 'daily' });
    install();
    services.schedule.start();
    expect(services.schedule.status().nextRunAt).toBe(lastSuccess + 24 * HOUR);

    // Asleep through the due time: the scheduler's timer does not advance while asleep.
    clock.sleep(3 * HOUR);
    vi.setSystemTime(clock.now());
    expect(services.schedule.status().nextRunAt).toBe(start + HOUR); // stale until told
    fakePowerMonitor.emit('resume');
    const catchUp = clock.now() + MINUTE; // the resume grace
    expect(services.schedule.status().nextRunAt).toBe(catchUp);
    const at = new Date(catchUp).toLocaleString(undefined, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    expect(menuItem('next-backup').label).toBe(`Next backup: ${at}`);

    const finished = new Promise<BackupRunRecord>((resolve) => services.runner.onDidFinish(resolve));
    await clock.advance(MINUTE - 1);
    expect(services.schedule.scheduler.isRunning()).toBe(false);
    await clock.advance(1);
    // No key was sealed, so the catch-up run fails, but it ran when planned and was recorded.
    expect(await finished).toMatchObject({
      kind: 'scheduled',
      startedAt: catchUp,
      ok: false,
      message: expect.stringMatching(/no saved key/) as unknown,
    });
  });
});

describe('the tray', () => {
  it('appears while close to tray or a schedule is on, and its tooltip follows the health report', async () => {
    install();
    expect(recorded.trays).toEqual([]); // Linux defaults: no schedule, no close to tray
    await services.settingsStore.update({ closeToTray: true });
    await vi.waitFor(() =>
      expect(lastTooltip()).toBe(
        'NoteVault — No backup folder is chosen yet: choose one, and NoteVault can back up your notes.',
      ),
    );

    await services.settingsStore.setBackupFolder(join(root, 'backups'));
    await services.history.record(failedRun(start - 5 * MINUTE, 'The backup folder is full.'));
    await vi.waitFor(() =>
      expect(lastTooltip()).toBe(
        'NoteVault — The last scheduled backup (5 min ago) failed: The backup folder is full.',
      ),
    );
    expect(shownTray().icon).toBe(join('/opt/notevault', 'assets', 'tray', 'tray-error.png'));
    expect(menuItem('last-backup').label).toBe('Last backup: 5 min ago, failed: The backup folder is full.');
    expect(menuItem('warning-0').label).toBe(
      '⚠ The last scheduled backup (5 min ago) failed: The backup folder is full.',
    );

    // Built again every minute, so "5 min ago" does not go stale (the report reads the scheduler's clock).
    await clock.advance(MINUTE);
    vi.advanceTimersByTime(MINUTE);
    await vi.waitFor(() =>
      expect(lastTooltip()).toBe(
        'NoteVault — The last scheduled backup (6 min ago) failed: The backup folder is full.',
      ),
    );

    await services.settingsStore.update({ closeToTray: false });
    expect(recorded.trays.every((tray) => tray.destroyed)).toBe(true);
  });

  it('"Last backup" opens the window on the backups view', async () => {
    await services.settingsStore.update({ closeToTray: true });
    install();
    click('last-backup');
    expect(windowShown).toBe(1);
    expect(requested).toEqual([{ event: 'app:didRequestView', payload: { view: 'backups' } }]);
  });

  it('"Health…" and each warning open the window on the Health view', async () => {
    await services.settingsStore.update({ closeToTray: true });
    install();
    await vi.waitFor(() => expect(menuItem('warning-0').label).toMatch(/No backup folder is chosen yet/));
    click('health');
    click('warning-0');
    expect(windowShown).toBe(2);
    expect(requested.filter((r) => r.event === 'app:didRequestView')).toEqual([
      { event: 'app:didRequestView', payload: { view: 'health' } },
      { event: 'app:didRequestView', payload: { view: 'health' } },
    ]);
  });

  it('"Back up now" makes a manual backup with the sealed key', async () => {
    await sealCheapKey();
    await services.settingsStore.update({ closeToTray: true });
    await services.settingsStore.setBackupFolder(join(root, 'backups'));
    services.holder.repository().create({ title: 'Tray', body: 'backed up from the menu' });
    install();
    const finished = new Promise<BackupRunRecord>((resolve) => services.runner.onDidFinish(resolve));
    click('back-up-now');
    const run = await finished;
    expect(run).toMatchObject({ kind: 'manual', ok: true, noteCount: 1, startedAt: start });
    expect(await readdir(join(root, 'backups'))).toEqual([expect.stringMatching(/^NoteVault-.*\.nvbak$/)]);
    expect(shownTray().tooltips).toContain('NoteVault — backing up…');
    await vi.waitFor(() => expect(lastTooltip()).toBe('NoteVault — Last backup just now.'));
    expect(menuItem('back-up-now')).toMatchObject({ label: 'Back up now', enabled: true });
    expect(requested).toEqual([]);
  }, 30_000);

  it('"Back up now" without a saved key opens the backups view, where the passkey is asked for', async () => {
    await services.settingsStore.update({ closeToTray: true });
    await services.settingsStore.setBackupFolder(join(root, 'backups'));
    install();
    click('back-up-now');
    await vi.waitFor(() => expect(requested).toHaveLength(1), { interval: 5 });
    expect(requested).toEqual([{ event: 'app:didRequestView', payload: { view: 'backups' } }]);
    expect(await readdir(join(root, 'backups'))).toEqual([]);
  });

  it('turning a schedule on from the tray opens the settings view, which asks for the passkey', async () => {
    await services.settingsStore.update({ closeToTray: true });
    install();
    click('schedule-daily');
    expect(requested).toEqual([{ event: 'app:didRequestView', payload: { view: 'settings' } }]);
    expect(services.settings.get().schedule).toBe('off');
  });
});

describe('dispose', () => {
  it('removes the tray, the listeners and the refresh timer', async () => {
    packaged();
    await services.settingsStore.update({ closeToTray: true });
    const integration = install();
    const window = attachedWindow(integration);
    const tray = shownTray();
    integration.dispose();
    desktop = undefined;

    expect(tray.destroyed).toBe(true);
    expect(fakeApp.listenerCount('before-quit')).toBe(0);
    expect(fakePowerMonitor.listenerCount('resume')).toBe(0);
    expect(window.listenerCount('close')).toBe(0);
    const renders = tray.tooltips.length;
    vi.advanceTimersByTime(5 * MINUTE);
    await services.settingsStore.update({ startAtLogin: true, schedule: 'off' });
    await services.history.record(failedRun(start, 'after dispose'));
    expect(tray.tooltips).toHaveLength(renders);
    expect(recorded.trays).toHaveLength(1);
    expect(recorded.loginItems).toEqual([{ openAtLogin: false }]);
    expect(window.close()).toEqual({ prevented: false });
  });
});
