/**
 * The program the OS scheduler starts for a backup while NoteVault is closed: the installed
 * app with `--run-scheduled-backup`.
 * - An AppImage runs from a temporary mount whose path changes every start; the AppImage
 *   runtime names the file itself in $APPIMAGE, and that is what must be started.
 * - An unpackaged development build is Electron plus the app's folder.
 * - A person running NoteVault on another data folder (--user-data-dir / NOTEVAULT_USER_DATA)
 *   gets the backups of that folder: the folder is passed on.
 */
import { USER_DATA_DIR_SWITCH } from '../window/user-data-dir';
import { RUN_SCHEDULED_BACKUP_SWITCH } from './os-schedule-names';
import type { ScheduledProgram } from './os-schedule-names';

export interface ProgramFacts {
  platform: string;
  /** process.execPath */
  execPath: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** app.getAppPath() */
  appPath: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The data folder chosen with --user-data-dir or NOTEVAULT_USER_DATA; undefined for the usual one. */
  userDataOverride: string | undefined;
}

export function scheduledProgram(facts: ProgramFacts): ScheduledProgram {
  const appImage = facts.platform === 'linux' ? facts.env['APPIMAGE'] : undefined;
  const executable = appImage !== undefined && appImage !== '' ? appImage : facts.execPath;
  return {
    executable,
    args: [
      ...(facts.isPackaged ? [] : [facts.appPath]),
      ...(facts.userDataOverride === undefined ? [] : [`${USER_DATA_DIR_SWITCH}${facts.userDataOverride}`]),
      RUN_SCHEDULED_BACKUP_SWITCH,
    ],
  };
}

/** Whether this process was started by the OS scheduler for a backup while NoteVault is closed. */
export function isScheduledBackupRun(argv: readonly string[]): boolean {
  return argv.includes(RUN_SCHEDULED_BACKUP_SWITCH);
}
