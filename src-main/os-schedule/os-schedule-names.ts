/**
 * The names NoteVault registers with each operating system's scheduler, and how often each
 * one wakes NoteVault, in one place: the generators, the registrar, the headless run, the
 * NSIS uninstall hook (build/installer.nsh, kept in step by its test) and the README use these.
 */
import { createHash } from 'node:crypto';
import type { ScheduleInterval } from '../../src-shared/settings';

/** The switch the OS scheduler starts NoteVault with: back up if due, then exit (no window, no tray). */
export const RUN_SCHEDULED_BACKUP_SWITCH = '--run-scheduled-backup';

/** Task Scheduler folder of NoteVault's tasks (Task Scheduler Library\NoteVault). */
export const WINDOWS_TASK_FOLDER = '\\NoteVault\\';

/**
 * Which data folder ("profile") an entry backs up, in its name: null for NoteVault's usual data
 * folder, whose names stay the plain ones below; for a folder chosen with --user-data-dir or
 * NOTEVAULT_USER_DATA, the first 8 hex digits of the SHA-256 of that folder's path exactly as it
 * is passed on to the scheduled run. Without it every profile would share one entry: the second
 * would overwrite the first's, and one with the option off would remove the other's.
 */
export function profileTag(userDataOverride: string | undefined): string | null {
  if (userDataOverride === undefined) return null;
  return createHash('sha256').update(userDataOverride, 'utf8').digest('hex').slice(0, 8);
}

/**
 * The task's full name. Task names are shared by every account on the PC, so each person's
 * task carries their account name (%USERNAME%, as the uninstaller reads it too); another data
 * folder's task adds its profile tag after it, so every task of one person starts with
 * `\NoteVault\Scheduled backup (<name>)` (what the uninstaller removes).
 */
export function windowsTaskName(userName: string, profile: string | null = null): string {
  return `${WINDOWS_TASK_FOLDER}Scheduled backup (${userName})${profile === null ? '' : ` ${profile}`}`;
}

/**
 * Where each registered task's name is also written (a value per task, under HKEY_CURRENT_USER),
 * so the uninstaller finds every task of this person, whichever data folder made it
 * (build/installer.nsh reads it; Task Scheduler itself lists tasks only through tools that
 * Wine, where the uninstaller is tested, does not have).
 */
export const WINDOWS_TASKS_REGISTRY_KEY = 'Software\\NoteVault\\ScheduledBackupTasks';

/** The launchd agent's label, also its plist's name in ~/Library/LaunchAgents. */
export const LAUNCHD_LABEL = 'app.notevault.backup';

export function launchdLabel(profile: string | null): string {
  return profile === null ? LAUNCHD_LABEL : `${LAUNCHD_LABEL}.${profile}`;
}

/** The systemd user units: notevault-backup.service, started by notevault-backup.timer. */
export const SYSTEMD_UNIT = 'notevault-backup';

export function systemdUnitName(profile: string | null): string {
  return profile === null ? SYSTEMD_UNIT : `${SYSTEMD_UNIT}-${profile}`;
}

/**
 * How long a run the OS scheduler started may take before the scheduler ends it (Task
 * Scheduler's ExecutionTimeLimit, systemd's TimeoutStartSec), and so how long a NoteVault the
 * person opens meanwhile waits for it (app/wait-for-headless-run.ts).
 */
export const HEADLESS_RUN_LIMIT_HOURS = 2;

export type ActiveInterval = Exclude<ScheduleInterval, 'off'>;

/**
 * How often the OS wakes NoteVault to ask "is a backup due?". It wakes more often than the
 * schedule's interval because the rule of when a backup is due is the app's own
 * (schedule/next-run.ts: one interval after the last success, manual ones included), and that
 * moves; a wake-up with nothing due exits within a second. So a backup is at most one check
 * period late.
 */
export const CHECK_PERIOD_MINUTES: Record<ActiveInterval, number> = {
  hourly: 15,
  daily: 120,
  weekly: 360,
};

/** The program the OS scheduler starts: the installed app and its arguments (the switch included). */
export interface ScheduledProgram {
  executable: string;
  args: readonly string[];
}

/** What to register: which schedule, which program, and (Windows only) whether to run while logged off. */
export interface OsScheduleRequest {
  interval: ActiveInterval;
  program: ScheduledProgram;
  whenLoggedOff: boolean;
}
