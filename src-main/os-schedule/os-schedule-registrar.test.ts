import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import plist from 'plist';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taskSchemaProblems } from '../../test/main/os-schedule/task-scheduler-schema';
import type { CommandResult } from '../fsx/command-runner';
import { profileTag } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';
import { osScheduleRegistrar, sidFromWhoami } from './os-schedule-registrar';
import type { RegistrarEnvironment } from './os-schedule-registrar';
import { systemdUnits } from './systemd-units';
import { launchdPlist } from './launchd-plist';

// The files are real (a temporary home); the command runner is the seam that records what
// would run, and answers as the tools do.
const SID = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const request: OsScheduleRequest = {
  interval: 'daily',
  whenLoggedOff: false,
  program: { executable: '/opt/NoteVault/notevault', args: ['--run-scheduled-backup'] },
};

let home: string;
let commands: string[];
/** Answers by command line; default success. */
let answers: Map<string, CommandResult>;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'notevault-os-schedule-'));
  commands = [];
  answers = new Map();
});
afterEach(() => rm(home, { recursive: true, force: true }));

function environment(platform: string, overrides: Partial<RegistrarEnvironment> = {}): RegistrarEnvironment {
  return {
    platform,
    home,
    env: { USERNAME: 'ana', SystemRoot: 'C:\\Windows' },
    uid: 501,
    userDataDir: join(home, 'userData'),
    now: () => new Date(2026, 11, 6, 9, 0, 0).getTime(),
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      commands.push(line);
      return Promise.resolve(answers.get(line) ?? { stdout: '', stderr: '', exitCode: 0 });
    },
    ...overrides,
  };
}

async function mode(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

describe('Linux: systemd user units', () => {
  const folder = () => join(home, '.config', 'systemd', 'user');

  it('writes both units owner-only, then reloads, enables and restarts the timer', async () => {
    const registrar = osScheduleRegistrar(environment('linux'))!;
    expect(await registrar.isRegistered()).toBe(false);
    await registrar.register(request);

    const units = systemdUnits(request);
    expect(await readFile(join(folder(), 'notevault-backup.service'), 'utf8')).toBe(units.service);
    expect(await readFile(join(folder(), 'notevault-backup.timer'), 'utf8')).toBe(units.timer);
    if (process.platform !== 'win32') {
      expect(await mode(join(folder(), 'notevault-backup.service'))).toBe(0o600);
      expect(await mode(join(folder(), 'notevault-backup.timer'))).toBe(0o600);
      expect(await mode(folder())).toBe(0o700);
    }
    // Atomic writes leave no partial behind.
    expect((await readdir(folder())).sort()).toEqual(['notevault-backup.service', 'notevault-backup.timer']);
    expect(commands).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable notevault-backup.timer',
      'systemctl --user restart notevault-backup.timer',
    ]);
    expect(await registrar.isRegistered()).toBe(true);
    expect(registrar.where).toBe(`systemd user timer ${join(folder(), 'notevault-backup.timer')}`);
  });

  it('removes: disables the timer, deletes both files, reloads; nothing registered is no error', async () => {
    const registrar = osScheduleRegistrar(environment('linux'))!;
    await registrar.register(request);
    commands = [];
    await registrar.unregister();
    expect(await readdir(folder())).toEqual([]);
    expect(commands).toEqual([
      'systemctl --user disable --now notevault-backup.timer',
      'systemctl --user daemon-reload',
    ]);
    expect(await registrar.isRegistered()).toBe(false);
    commands = [];
    await registrar.unregister();
    expect(commands).toEqual([]);
  });

  it("keeps each data folder's units apart: another folder's have their own names, and units under this name that start another folder are neither counted, replaced nor removed", async () => {
    const workFolder = join(home, 'Work notes');
    const work = osScheduleRegistrar(environment('linux', { userDataOverride: workFolder }))!;
    const usual = osScheduleRegistrar(environment('linux'))!;
    const tag = profileTag(workFolder)!;
    await work.register({
      ...request,
      program: { ...request.program, args: [`--user-data-dir=${workFolder}`, '--run-scheduled-backup'] },
    });
    await usual.register(request);
    expect((await readdir(folder())).sort()).toEqual([
      'notevault-backup-' + tag + '.service',
      'notevault-backup-' + tag + '.timer',
      'notevault-backup.service',
      'notevault-backup.timer',
    ]);
    expect(await readFile(join(folder(), `notevault-backup-${tag}.timer`), 'utf8')).toContain(
      `Unit=notevault-backup-${tag}.service`,
    );
    await usual.unregister();
    expect(await work.isRegistered()).toBe(true);
    expect((await readdir(folder())).sort()).toEqual([
      'notevault-backup-' + tag + '.service',
      'notevault-backup-' + tag + '.timer',
    ]);

    // Units under the usual name that start the work folder (written by hand, or by an older NoteVault).
    const foreign = systemdUnits({
      ...request,
      program: { ...request.program, args: [`--user-data-dir=${workFolder}`, '--run-scheduled-backup'] },
    });
    await writeFile(join(folder(), 'notevault-backup.service'), foreign.service);
    await writeFile(join(folder(), 'notevault-backup.timer'), foreign.timer);
    commands = [];
    expect(await usual.isRegistered()).toBe(false);
    await usual.unregister();
    await expect(usual.register(request)).rejects.toThrow(/Another NoteVault data folder/);
    expect(commands).toEqual([]);
    expect(await readFile(join(folder(), 'notevault-backup.service'), 'utf8')).toBe(foreign.service);
  });

  it('follows $XDG_CONFIG_HOME', async () => {
    const config = join(home, 'elsewhere');
    const registrar = osScheduleRegistrar(environment('linux', { env: { XDG_CONFIG_HOME: config } }))!;
    await registrar.register(request);
    expect(await readdir(join(config, 'systemd', 'user'))).toHaveLength(2);
  });

  it('a refused command is one sentence, with the command and its output in the details', async () => {
    answers.set('systemctl --user enable notevault-backup.timer', {
      stdout: '',
      stderr: 'Failed to connect to bus: No medium found',
      exitCode: 1,
    });
    const registrar = osScheduleRegistrar(environment('linux'))!;
    const error: unknown = await registrar.register(request).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^NoteVault could not register the backup timer with systemd\./);
    expect(error).toMatchObject({
      code: 'IO',
      details:
        'systemctl --user enable notevault-backup.timer exited with 1: Failed to connect to bus: No medium found',
    });
  });
});

describe('macOS: launchd agent', () => {
  const file = () => join(home, 'Library', 'LaunchAgents', 'app.notevault.backup.plist');

  it('writes the plist owner-only, unloads any old one, and bootstraps it in the gui/<uid> domain', async () => {
    const registrar = osScheduleRegistrar(environment('darwin'))!;
    await registrar.register(request);
    expect(plist.parse(await readFile(file(), 'utf8'))).toMatchObject({
      Label: 'app.notevault.backup',
      ProgramArguments: ['/opt/NoteVault/notevault', '--run-scheduled-backup'],
      StartInterval: 7200,
    });
    if (process.platform !== 'win32') expect(await mode(file())).toBe(0o600);
    expect(commands).toEqual([
      '/bin/launchctl bootout gui/501/app.notevault.backup',
      `/bin/launchctl bootstrap gui/501 ${file()}`,
    ]);
    expect(await registrar.isRegistered()).toBe(true);
  });

  it("gives another data folder's agent its own label, and leaves an agent under this label that starts another folder", async () => {
    const workFolder = join(home, 'Work notes');
    const work = osScheduleRegistrar(environment('darwin', { userDataOverride: workFolder }))!;
    const label = `app.notevault.backup.${profileTag(workFolder)}`;
    const workRequest = {
      ...request,
      program: { ...request.program, args: [`--user-data-dir=${workFolder}`, '--run-scheduled-backup'] },
    };
    await work.register(workRequest);
    const workFile = join(home, 'Library', 'LaunchAgents', `${label}.plist`);
    expect(plist.parse(await readFile(workFile, 'utf8'))).toMatchObject({ Label: label });
    expect(commands).toEqual([
      `/bin/launchctl bootout gui/501/${label}`,
      `/bin/launchctl bootstrap gui/501 ${workFile}`,
    ]);

    const usual = osScheduleRegistrar(environment('darwin'))!;
    await writeFile(file(), launchdPlist(workRequest));
    commands = [];
    expect(await usual.isRegistered()).toBe(false);
    await usual.unregister();
    await expect(usual.register(request)).rejects.toThrow(/Another NoteVault data folder/);
    expect(commands).toEqual([]);
    expect(await readFile(file(), 'utf8')).toBe(launchdPlist(workRequest));
  });

  it('removes: boots the agent out and deletes the plist, even when it was not loaded', async () => {
    const registrar = osScheduleRegistrar(environment('darwin'))!;
    await registrar.register(request);
    commands = [];
    answers.set('/bin/launchctl bootout gui/501/app.notevault.backup', {
      stdout: '',
      stderr: 'No such process',
      exitCode: 3,
    });
    await registrar.unregister();
    expect(commands).toEqual(['/bin/launchctl bootout gui/501/app.notevault.backup']);
    expect(await registrar.isRegistered()).toBe(false);
    await expect(stat(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('Windows: Task Scheduler task', () => {
  const xmlFile = () => join(home, 'userData', 'os-schedule', 'notevault-backup-task.xml');
  const whoami = 'C:\\Windows\\System32\\whoami.exe /user /fo csv /nh';
  const schtasks = 'C:\\Windows\\System32\\schtasks.exe';
  const reg = 'C:\\Windows\\System32\\reg.exe';

  beforeEach(() => {
    answers.set(whoami, { stdout: `"desktop-1\\ana","${SID}"\r\n`, stderr: '', exitCode: 0 });
  });

  it("writes the task's XML (UTF-16 with a BOM) for this person's SID and creates the task from it", async () => {
    const registrar = osScheduleRegistrar(environment('win32'))!;
    await registrar.register({ ...request, whenLoggedOff: true });
    const bytes = await readFile(xmlFile());
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const xml = bytes.subarray(2).toString('utf16le');
    expect(taskSchemaProblems(xml)).toEqual([]);
    expect(xml).toContain(`<UserId>${SID}</UserId>`);
    expect(xml).toContain('<LogonType>S4U</LogonType>');
    expect(commands).toEqual([
      `${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`,
      whoami,
      `${schtasks} /Create /XML ${xmlFile()} /TN \\NoteVault\\Scheduled backup (ana) /F`,
      `${reg} add HKCU\\Software\\NoteVault\\ScheduledBackupTasks /v \\NoteVault\\Scheduled backup (ana) /t REG_SZ /d ${join(home, 'userData')} /f`,
    ]);
    expect(registrar.where).toBe('Task Scheduler, \\NoteVault\\Scheduled backup (ana)');
  });

  it('removes: deletes the task only when it exists, and the XML file', async () => {
    const registrar = osScheduleRegistrar(environment('win32'))!;
    await registrar.register(request);
    commands = [];
    await registrar.unregister();
    expect(commands).toEqual([
      `${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`,
      `${schtasks} /Delete /TN \\NoteVault\\Scheduled backup (ana) /F`,
      `${reg} delete HKCU\\Software\\NoteVault\\ScheduledBackupTasks /v \\NoteVault\\Scheduled backup (ana) /f`,
    ]);
    await expect(stat(xmlFile())).rejects.toMatchObject({ code: 'ENOENT' });

    commands = [];
    answers.set(`${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`, {
      stdout: '',
      stderr: 'ERROR: The system cannot find the file specified.',
      exitCode: 1,
    });
    await registrar.unregister();
    expect(commands).toEqual([`${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`]);
  });

  it("another data folder's task has its own name, and a task under this name that starts another data folder is neither counted, replaced nor removed", async () => {
    const folder = 'C:\\Users\\ana\\Work notes';
    const other = osScheduleRegistrar(environment('win32', { userDataOverride: folder }))!;
    const tagged = `\\NoteVault\\Scheduled backup (ana) ${profileTag(folder)}`;
    expect(other.where).toBe(`Task Scheduler, ${tagged}`);
    expect(tagged).toMatch(/^\\NoteVault\\Scheduled backup \(ana\) [0-9a-f]{8}$/);

    // Task Scheduler answers with the task the other data folder registered under the usual name.
    const query = `${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`;
    answers.set(query, {
      stdout: `<Task><Actions><Exec><Command>C:\\NoteVault.exe</Command><Arguments>&quot;--user-data-dir=${folder}&quot; --run-scheduled-backup</Arguments></Exec></Actions></Task>`,
      stderr: '',
      exitCode: 0,
    });
    const usual = osScheduleRegistrar(environment('win32'))!;
    expect(await usual.isRegistered()).toBe(false);
    await usual.unregister();
    expect(commands).toEqual([query, query]);
    await expect(usual.register(request)).rejects.toThrow(
      /Another NoteVault data folder already has this scheduler entry/,
    );
    expect(commands.some((line) => line.includes('/Create') || line.includes('/Delete'))).toBe(false);
  });

  it('runs its tools by full System32 path even when %SystemRoot% is unset or relative', async () => {
    for (const env of [{ USERNAME: 'ana' }, { USERNAME: 'ana', SystemRoot: '.' }]) {
      commands = [];
      await osScheduleRegistrar(environment('win32', { env }))!.unregister();
      expect(commands[0]).toBe(`${schtasks} /Query /TN \\NoteVault\\Scheduled backup (ana) /XML`);
      expect(commands.every((line) => line.startsWith('C:\\Windows\\System32\\'))).toBe(true);
    }
  });

  it('reads the SID from whoami, and refuses output without one', () => {
    expect(sidFromWhoami(`"desktop-1\\ana","${SID}"\r\n`)).toBe(SID);
    expect(() => sidFromWhoami('ERROR: Access denied')).toThrow(/could not find your Windows account/);
  });
});

it('has no registrar where NoteVault registers nothing', () => {
  expect(osScheduleRegistrar(environment('freebsd'))).toBeNull();
});
