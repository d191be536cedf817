import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import { BackgroundScheduleService } from './background-schedule-service';
import type { CommandResult } from '../fsx/command-runner';
import { HEADLESS_RUN_FILE, writeHeadlessRun } from './headless-run-record';
import { osScheduleRegistrar } from './os-schedule-registrar';

// The real settings store and the real (Linux) registrar over a temporary home; the command
// runner is the seam that records what would run.
const program = { executable: '/opt/NoteVault/notevault', args: ['--run-scheduled-backup'] };
let root: string;
let settings: SettingsStore;
let service: BackgroundScheduleService;
let commands: string[];
let answer: CommandResult;
let logged: string[];

const unitsFolder = () => join(root, 'home', '.config', 'systemd', 'user');
const timerText = () => readFile(join(unitsFolder(), 'notevault-backup.timer'), 'utf8');
const unitFiles = async () => (await readdir(unitsFolder()).catch(() => [])).sort();

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-background-'));
  await mkdir(join(root, 'backups'));
  commands = [];
  logged = [];
  answer = { stdout: '', stderr: '', exitCode: 0 };
  settings = await SettingsStore.open(join(root, SETTINGS_FILE), { platform: 'linux' });
  await settings.setBackupFolder(join(root, 'backups'));
  service = new BackgroundScheduleService({
    settings,
    registrar: osScheduleRegistrar({
      platform: 'linux',
      home: join(root, 'home'),
      env: {},
      uid: 1000,
      userDataDir: root,
      now: () => Date.now(),
      run: (command, args) => {
        commands.push([command, ...args].join(' '));
        return Promise.resolve(answer);
      },
    }),
    program,
    platform: 'linux',
    headlessRunFile: join(root, HEADLESS_RUN_FILE),
    log: (message) => void logged.push(message),
  });
});

afterEach(async () => {
  await service.stop();
  await rm(root, { recursive: true, force: true });
});

describe('BackgroundScheduleService', () => {
  it('registers when the setting is turned on with a schedule, follows the interval, and removes when turned off', async () => {
    await settings.update({ schedule: 'daily' });
    await service.status(); // waits for the change the update caused
    expect(await unitFiles()).toEqual([]); // the setting is off: nothing registered
    expect(commands).toEqual([]);

    await settings.update({ backupWhileClosed: { enabled: true, whenLoggedOff: false } });
    expect(await service.status()).toMatchObject({ registered: true, platform: 'linux', message: null });
    expect(await unitFiles()).toEqual(['notevault-backup.service', 'notevault-backup.timer']);
    expect(await timerText()).toContain('OnCalendar=*-*-* 00/2:00:00');
    expect(commands).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable notevault-backup.timer',
      'systemctl --user restart notevault-backup.timer',
    ]);

    commands = [];
    await settings.update({ schedule: 'hourly' });
    await service.status(); // waits for the change the update caused
    expect(await timerText()).toContain('OnCalendar=*-*-* *:00/15:00');
    expect(commands).toHaveLength(3);

    // A setting that does not change the registration changes nothing.
    commands = [];
    await settings.update({ theme: 'dark' });
    await service.status(); // waits for the change the update caused
    expect(commands).toEqual([]);

    await settings.update({ backupWhileClosed: { enabled: false, whenLoggedOff: false } });
    expect(await service.status()).toMatchObject({ registered: false, message: null });
    expect(await unitFiles()).toEqual([]);
    expect(commands).toEqual([
      'systemctl --user disable --now notevault-backup.timer',
      'systemctl --user daemon-reload',
    ]);
  });

  it('removes the entry when scheduled backups are turned off, even with the setting still on', async () => {
    await settings.update({ schedule: 'weekly', backupWhileClosed: { enabled: true, whenLoggedOff: false } });
    await service.sync();
    expect(await unitFiles()).toHaveLength(2);
    await settings.update({ schedule: 'off' });
    await service.sync();
    expect(await unitFiles()).toEqual([]);
  });

  it('at start re-registers what the settings want, removes a leftover, and otherwise runs nothing', async () => {
    await service.start();
    expect(commands).toEqual([]);

    await mkdir(unitsFolder(), { recursive: true });
    await writeFile(join(unitsFolder(), 'notevault-backup.timer'), '[Timer]\nOnCalendar=daily\n');
    await service.start();
    expect(await unitFiles()).toEqual([]);

    commands = [];
    await settings.update({ schedule: 'daily', backupWhileClosed: { enabled: true, whenLoggedOff: false } });
    await service.sync();
    commands = [];
    await service.start();
    expect(commands).toContain('systemctl --user restart notevault-backup.timer');
  });

  it('shows a failed registration in the status and logs it, and the next success clears it', async () => {
    answer = { stdout: '', stderr: 'Failed to connect to bus: No medium found', exitCode: 1 };
    await settings.update({ schedule: 'daily', backupWhileClosed: { enabled: true, whenLoggedOff: false } });
    const failed = await service.status();
    expect(failed.message).toMatch(/^NoteVault could not register the backup timer with systemd\./);
    expect(failed.details).toMatch(/No medium found/);
    expect(logged).toHaveLength(1);

    answer = { stdout: '', stderr: '', exitCode: 0 };
    await service.sync();
    expect(await service.status()).toMatchObject({ registered: true, message: null });
  });

  it("a second data folder with the option off leaves the first's entry alone, and each status speaks for its own folder", async () => {
    await settings.update({ schedule: 'daily', backupWhileClosed: { enabled: true, whenLoggedOff: false } });
    await service.sync();
    const usualUnits = await unitFiles();
    expect(usualUnits).toEqual(['notevault-backup.service', 'notevault-backup.timer']);

    // The same person runs NoteVault on another data folder (--user-data-dir), option off there.
    const workFolder = join(root, 'work');
    await mkdir(join(workFolder, 'backups'), { recursive: true });
    const workSettings = await SettingsStore.open(join(workFolder, SETTINGS_FILE), { platform: 'linux' });
    await workSettings.setBackupFolder(join(workFolder, 'backups'));
    const work = new BackgroundScheduleService({
      settings: workSettings,
      registrar: osScheduleRegistrar({
        platform: 'linux',
        home: join(root, 'home'),
        env: {},
        uid: 1000,
        userDataDir: workFolder,
        userDataOverride: workFolder,
        now: () => Date.now(),
        run: (command, args) => {
          commands.push([command, ...args].join(' '));
          return Promise.resolve(answer);
        },
      }),
      program: { ...program, args: [`--user-data-dir=${workFolder}`, '--run-scheduled-backup'] },
      platform: 'linux',
      headlessRunFile: join(workFolder, HEADLESS_RUN_FILE),
      log: (message) => void logged.push(message),
    });
    try {
      commands = [];
      await work.start();
      expect(await unitFiles()).toEqual(usualUnits);
      expect(commands).toEqual([]);
      expect(await work.status()).toMatchObject({ registered: false });
      expect(await service.status()).toMatchObject({ registered: true });

      // Turned on there too: a second entry beside the first, not over it.
      await workSettings.update({
        schedule: 'hourly',
        backupWhileClosed: { enabled: true, whenLoggedOff: false },
      });
      expect(await work.status()).toMatchObject({ registered: true });
      expect(await unitFiles()).toHaveLength(4);
      expect(await timerText()).toContain('OnCalendar=*-*-* 00/2:00:00');
    } finally {
      await work.stop();
    }
  });

  it("reports the headless run's time from headless-run.json", async () => {
    expect((await service.status()).lastHeadlessRunAt).toBeNull();
    await writeHeadlessRun(join(root, HEADLESS_RUN_FILE), { at: 1_765_000_000_000, outcome: 'not-due' });
    expect((await service.status()).lastHeadlessRunAt).toBe(1_765_000_000_000);
  });
});
