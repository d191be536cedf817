/**
 * Registers and removes NoteVault's entry in the operating system's own scheduler, so the
 * scheduled backup also runs while NoteVault is closed (docs/backup-pipeline.md, "Backups while
 * NoteVault is closed"). Per platform:
 * - Windows: a Task Scheduler task for this person only (`schtasks /Create /XML <file> /TN
 *   <name> /F`, `schtasks /Delete /TN <name> /F`); the XML it was made from is kept in
 *   <userData>/os-schedule/ (schtasks reads a file, UTF-16 with a byte-order mark).
 * - macOS: ~/Library/LaunchAgents/app.notevault.backup.plist, loaded with `launchctl bootstrap
 *   gui/<uid>` and unloaded with `launchctl bootout gui/<uid>/app.notevault.backup`.
 * - Linux: notevault-backup.service + .timer in ~/.config/systemd/user ($XDG_CONFIG_HOME),
 *   `systemctl --user daemon-reload`, `enable` + `restart` of the timer (restart so a changed
 *   period applies at once, where `enable --now` leaves a running timer as it was), and
 *   `disable --now` to remove.
 * Files are written atomically (a reader never sees half a unit or plist) and owner-only (0600,
 * folders NoteVault creates 0700). System tools are named by absolute path where the OS fixes
 * it, so a folder on PATH cannot stand in for them.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fsx/private-modes';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, unlinkIfExists } from '../fsx/retry';
import type { CommandResult, CommandRunner } from '../fsx/command-runner';
import { launchdPlist } from './launchd-plist';
import { LAUNCHD_LABEL, SYSTEMD_UNIT, windowsTaskName } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';
import { systemdUnits } from './systemd-units';
import { windowsTaskXml } from './windows-task-xml';

export interface OsScheduleRegistrar {
  /** Where the registration lives, for Settings and the README's "remove it by hand" (display text). */
  readonly where: string;
  /** Writes the files and registers them; replaces an earlier registration. */
  register(request: OsScheduleRequest): Promise<void>;
  /** Unregisters and deletes the files; nothing registered is not an error. */
  unregister(): Promise<void>;
  isRegistered(): Promise<boolean>;
}

export interface RegistrarEnvironment {
  platform: string;
  /** The person's home folder (os.homedir()). */
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** process.getuid() on macOS: launchd's per-user domain is gui/<uid>. */
  uid: number;
  /** NoteVault's user data folder (Windows keeps the task's XML there). */
  userDataDir: string;
  run: CommandRunner;
  /** Registration time (Windows: the trigger's start). */
  now: () => number;
  fileLayer?: FileLayerOptions;
}

/** The registrar for this platform, or null where NoteVault has none. */
export function osScheduleRegistrar(environment: RegistrarEnvironment): OsScheduleRegistrar | null {
  switch (environment.platform) {
    case 'win32':
      return windowsRegistrar(environment);
    case 'darwin':
      return launchdRegistrar(environment);
    case 'linux':
      return systemdRegistrar(environment);
    default:
      return null;
  }
}

async function writePrivate(
  folder: string,
  file: string,
  data: string | Uint8Array,
  layer?: FileLayerOptions,
) {
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomic(join(folder, file), data, { ...layer, mode: PRIVATE_FILE_MODE });
}

async function exists(file: string, layer?: FileLayerOptions): Promise<boolean> {
  return (await lstatIfExists(file, layer)) !== undefined;
}

/** Runs a command that must succeed; its failure becomes one sentence, the output its details. */
async function must(
  run: CommandRunner,
  what: string,
  command: string,
  args: readonly string[],
): Promise<CommandResult> {
  const result = await run(command, args);
  if (result.exitCode !== 0) {
    throw new NoteVaultError(
      'IO',
      `NoteVault could not ${what}. Try again; if it keeps failing, turn "Keep backing up when NoteVault is closed" off and back up from the app.`,
      {
        details: `${command} ${args.join(' ')} exited with ${result.exitCode}: ${(result.stderr || result.stdout).trim()}`,
      },
    );
  }
  return result;
}

function windowsRegistrar(environment: RegistrarEnvironment): OsScheduleRegistrar {
  const { env, run, userDataDir, fileLayer } = environment;
  // Windows paths written out: these are Windows' own tools whatever the process runs on.
  const system32 = `${env['SystemRoot'] ?? 'C:\\Windows'}\\System32`;
  const schtasks = `${system32}\\schtasks.exe`;
  const userName = env['USERNAME'] ?? 'user';
  const taskName = windowsTaskName(userName);
  const folder = join(userDataDir, 'os-schedule');
  const xmlFile = join(folder, 'notevault-backup-task.xml');
  const isRegistered = async () => (await run(schtasks, ['/Query', '/TN', taskName])).exitCode === 0;
  return {
    where: `Task Scheduler, ${taskName}`,
    isRegistered,
    async register(request) {
      const whoami = await must(run, 'find your Windows account', `${system32}\\whoami.exe`, [
        '/user',
        '/fo',
        'csv',
        '/nh',
      ]);
      const xml = windowsTaskXml({
        ...request,
        userSid: sidFromWhoami(whoami.stdout),
        taskName,
        start: new Date(environment.now()),
      });
      // UTF-16 little-endian with a byte-order mark, as the XML declaration says.
      await writePrivate(
        folder,
        'notevault-backup-task.xml',
        Buffer.from(`\ufeff${xml}`, 'utf16le'),
        fileLayer,
      );
      await must(run, 'add the backup task to Windows Task Scheduler', schtasks, [
        '/Create',
        '/XML',
        xmlFile,
        '/TN',
        taskName,
        '/F',
      ]);
    },
    async unregister() {
      if (await isRegistered()) {
        await must(run, 'remove the backup task from Windows Task Scheduler', schtasks, [
          '/Delete',
          '/TN',
          taskName,
          '/F',
        ]);
      }
      await unlinkIfExists(xmlFile, fileLayer);
    },
  };
}

/** The SID from `whoami /user /fo csv /nh`: `"pc\ana","S-1-5-21-..."`. */
export function sidFromWhoami(output: string): string {
  const sid = /"(S-1-\d+(?:-\d+)+)"/.exec(output)?.[1];
  if (sid === undefined) {
    throw new NoteVaultError('IO', 'NoteVault could not find your Windows account. Try again.', {
      details: `whoami /user printed no SID: ${output.trim().slice(0, 200)}`,
    });
  }
  return sid;
}

function launchdRegistrar(environment: RegistrarEnvironment): OsScheduleRegistrar {
  const { home, uid, run, fileLayer } = environment;
  const launchctl = '/bin/launchctl';
  const folder = join(home, 'Library', 'LaunchAgents');
  const file = join(folder, `${LAUNCHD_LABEL}.plist`);
  const domain = `gui/${uid}`;
  // Not loaded is fine: bootout then fails, and there is nothing to unload.
  const bootout = () => run(launchctl, ['bootout', `${domain}/${LAUNCHD_LABEL}`]);
  return {
    where: `launchd agent ${file}`,
    isRegistered: () => exists(file, fileLayer),
    async register(request) {
      await writePrivate(folder, `${LAUNCHD_LABEL}.plist`, launchdPlist(request), fileLayer);
      // launchd keeps a loaded agent's old definition: unload it first so the new one applies.
      await bootout();
      await must(run, 'register the backup agent with launchd', launchctl, ['bootstrap', domain, file]);
    },
    async unregister() {
      await bootout();
      await unlinkIfExists(file, fileLayer);
    },
  };
}

function systemdRegistrar(environment: RegistrarEnvironment): OsScheduleRegistrar {
  const { home, env, run, fileLayer } = environment;
  const configHome = env['XDG_CONFIG_HOME'] || join(home, '.config');
  const folder = join(configHome, 'systemd', 'user');
  const service = join(folder, `${SYSTEMD_UNIT}.service`);
  const timer = join(folder, `${SYSTEMD_UNIT}.timer`);
  const timerUnit = `${SYSTEMD_UNIT}.timer`;
  const systemctl = (...args: string[]) => ['--user', ...args];
  return {
    where: `systemd user timer ${timer}`,
    isRegistered: () => exists(timer, fileLayer),
    async register(request) {
      const units = systemdUnits(request);
      // The service first: the timer names it.
      await writePrivate(folder, `${SYSTEMD_UNIT}.service`, units.service, fileLayer);
      await writePrivate(folder, `${SYSTEMD_UNIT}.timer`, units.timer, fileLayer);
      const what = 'register the backup timer with systemd';
      await must(run, what, 'systemctl', systemctl('daemon-reload'));
      await must(run, what, 'systemctl', systemctl('enable', timerUnit));
      await must(run, what, 'systemctl', systemctl('restart', timerUnit));
    },
    async unregister() {
      const hadTimer = await exists(timer, fileLayer);
      const hadService = await exists(service, fileLayer);
      if (!hadTimer && !hadService) return;
      const what = 'remove the backup timer from systemd';
      if (hadTimer) await must(run, what, 'systemctl', systemctl('disable', '--now', timerUnit));
      await unlinkIfExists(timer, fileLayer);
      await unlinkIfExists(service, fileLayer);
      await must(run, what, 'systemctl', systemctl('daemon-reload'));
    },
  };
}
