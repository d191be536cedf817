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
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../fsx/private-modes';
import type { FileLayerOptions } from '../fsx/retry';
import { lstatIfExists, unlinkIfExists } from '../fsx/retry';
import type { CommandResult, CommandRunner } from '../fsx/command-runner';
import { windowsSystemProgram } from '../fsx/command-runner';
import { USER_DATA_DIR_SWITCH } from '../window/user-data-dir';
import { launchdPlist } from './launchd-plist';
import {
  WINDOWS_TASKS_REGISTRY_KEY,
  launchdLabel,
  profileTag,
  systemdUnitName,
  windowsTaskName,
} from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';
import { execWord, systemdUnits } from './systemd-units';
import { windowsCommandLine } from './windows-command-line';
import { windowsTaskXml } from './windows-task-xml';
import { xmlText } from './xml-text';

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
  /**
   * The data folder chosen with --user-data-dir / NOTEVAULT_USER_DATA (what scheduledProgram
   * passes on), undefined for the usual one: it picks this profile's entry names (profileTag)
   * and is how an entry is recognised as this profile's.
   */
  userDataOverride?: string | undefined;
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

/**
 * Whether an entry, as NoteVault wrote it, backs up this profile's data folder: it holds the
 * `--user-data-dir=` argument exactly as the entry's format encodes it (`encoded`), or, for the
 * usual folder (`encoded` null), no such argument at all. Only such an entry is replaced or
 * removed, and only it counts as registered.
 */
function isThisProfiles(entryText: string, encoded: string | null): boolean {
  return encoded === null ? !entryText.includes(USER_DATA_DIR_SWITCH) : entryText.includes(encoded);
}

function profileArgument(environment: RegistrarEnvironment): string | null {
  const { userDataOverride } = environment;
  return userDataOverride === undefined ? null : `${USER_DATA_DIR_SWITCH}${userDataOverride}`;
}

/** Another data folder's entry under this profile's name: never overwritten. */
function notThisProfiles(where: string): NoteVaultError {
  return new NoteVaultError(
    'IO',
    'Another NoteVault data folder already has this scheduler entry, so NoteVault left it as it is. Turn "Keep backing up when NoteVault is closed" off in that NoteVault, or remove the entry by hand (see the README), then try again.',
    { details: `${where} starts NoteVault for another data folder` },
  );
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
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
  const schtasks = windowsSystemProgram('schtasks.exe', env);
  const reg = windowsSystemProgram('reg.exe', env);
  const registryKey = `HKCU\\${WINDOWS_TASKS_REGISTRY_KEY}`;
  const userName = env['USERNAME'] ?? 'user';
  const taskName = windowsTaskName(userName, profileTag(environment.userDataOverride));
  const folder = join(userDataDir, 'os-schedule');
  const xmlFile = join(folder, 'notevault-backup-task.xml');
  const argument = profileArgument(environment);
  const encoded = argument === null ? null : ` ${windowsCommandLine([argument])} `;
  /** The task's Arguments as Task Scheduler has them; null when there is no such task. */
  const registeredArguments = async (): Promise<string | null> => {
    const query = await run(schtasks, ['/Query', '/TN', taskName, '/XML']);
    return query.exitCode === 0 ? taskArguments(query.stdout) : null;
  };
  const isRegistered = async () => {
    const args = await registeredArguments();
    return args !== null && isThisProfiles(args, encoded);
  };
  return {
    where: `Task Scheduler, ${taskName}`,
    isRegistered,
    async register(request) {
      const existing = await registeredArguments();
      if (existing !== null && !isThisProfiles(existing, encoded)) {
        throw notThisProfiles(`Task Scheduler, ${taskName}`);
      }
      const whoami = await must(run, 'find your Windows account', windowsSystemProgram('whoami.exe', env), [
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
      // For the uninstaller (installer.nsh): the value's name is the task's; its data, the folder.
      const note = ['add', registryKey, '/v', taskName, '/t', 'REG_SZ', '/d', userDataDir, '/f'];
      await must(run, 'note the backup task for the uninstaller', reg, note);
    },
    async unregister() {
      const existing = await registeredArguments();
      // Another data folder's task under this name is left alone.
      if (existing !== null && isThisProfiles(existing, encoded)) {
        await must(run, 'remove the backup task from Windows Task Scheduler', schtasks, [
          '/Delete',
          '/TN',
          taskName,
          '/F',
        ]);
        // Missing already is fine: the task is gone either way.
        await run(reg, ['delete', registryKey, '/v', taskName, '/f']);
      }
      await unlinkIfExists(xmlFile, fileLayer);
    },
  };
}

/** A task's Arguments from `schtasks /Query /XML`, padded with a space each side for whole-word matching. */
function taskArguments(xml: string): string {
  const text = /<Arguments>([\s\S]*?)<\/Arguments>/.exec(xml)?.[1] ?? '';
  return ` ${xmlDecode(text)} `;
}

/** Text of an XML element as schtasks prints it, back to plain characters. */
function xmlDecode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_match, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
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
  const label = launchdLabel(profileTag(environment.userDataOverride));
  const folder = join(home, 'Library', 'LaunchAgents');
  const file = join(folder, `${label}.plist`);
  const domain = `gui/${uid}`;
  const argument = profileArgument(environment);
  const encoded = argument === null ? null : `<string>${xmlText(argument)}</string>`;
  // Not loaded is fine: bootout then fails, and there is nothing to unload.
  const bootout = () => run(launchctl, ['bootout', `${domain}/${label}`]);
  /** true: this profile's plist; false: another's; null: none. */
  const ours = async () => {
    const text = await readIfExists(file);
    return text === null ? null : isThisProfiles(text, encoded);
  };
  return {
    where: `launchd agent ${file}`,
    isRegistered: async () => (await ours()) === true,
    async register(request) {
      if ((await ours()) === false) throw notThisProfiles(`launchd agent ${file}`);
      await writePrivate(folder, `${label}.plist`, launchdPlist(request, label), fileLayer);
      // launchd keeps a loaded agent's old definition: unload it first so the new one applies.
      await bootout();
      await must(run, 'register the backup agent with launchd', launchctl, ['bootstrap', domain, file]);
    },
    async unregister() {
      // Another data folder's agent under this name is left alone.
      if ((await ours()) === false) return;
      await bootout();
      await unlinkIfExists(file, fileLayer);
    },
  };
}

function systemdRegistrar(environment: RegistrarEnvironment): OsScheduleRegistrar {
  const { home, env, run, fileLayer } = environment;
  const configHome = env['XDG_CONFIG_HOME'] || join(home, '.config');
  const folder = join(configHome, 'systemd', 'user');
  const unit = systemdUnitName(profileTag(environment.userDataOverride));
  const service = join(folder, `${unit}.service`);
  const timer = join(folder, `${unit}.timer`);
  const timerUnit = `${unit}.timer`;
  const systemctl = (...args: string[]) => ['--user', ...args];
  const argument = profileArgument(environment);
  const encoded = argument === null ? null : execWord(argument, true);
  /** true: this profile's service; false: another's; null: none. */
  const ours = async () => {
    const text = await readIfExists(service);
    return text === null ? null : isThisProfiles(text, encoded);
  };
  return {
    where: `systemd user timer ${timer}`,
    isRegistered: async () => (await exists(timer, fileLayer)) && (await ours()) !== false,
    async register(request) {
      if ((await ours()) === false) throw notThisProfiles(`systemd user unit ${service}`);
      const units = systemdUnits(request, unit);
      // The service first: the timer names it.
      await writePrivate(folder, `${unit}.service`, units.service, fileLayer);
      await writePrivate(folder, `${unit}.timer`, units.timer, fileLayer);
      const what = 'register the backup timer with systemd';
      await must(run, what, 'systemctl', systemctl('daemon-reload'));
      await must(run, what, 'systemctl', systemctl('enable', timerUnit));
      await must(run, what, 'systemctl', systemctl('restart', timerUnit));
    },
    async unregister() {
      // Another data folder's units under this name are left alone.
      if ((await ours()) === false) return;
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
