/**
 * The systemd user units that run NoteVault's scheduled backup while the app is closed:
 * notevault-backup.service (Type=oneshot: the run backs up if due, then exits) started by
 * notevault-backup.timer every check period (os-schedule-names.ts); Persistent=true makes a
 * start missed while the computer was off or asleep happen once when it is back. User units run
 * while the person is logged in (unless they enabled lingering themselves), with the systemd user
 * manager's environment: Electron needs the session's DISPLAY or WAYLAND_DISPLAY there (desktop
 * sessions such as GNOME and KDE Plasma import it at login; Electron documents no switch for
 * starting without a display, so none is passed; README says what to run otherwise). Keys:
 * systemd.service(5), systemd.timer(5), systemd.exec(5); quoting: systemd.syntax(7).
 */
import { CHECK_PERIOD_MINUTES, HEADLESS_RUN_LIMIT_HOURS, SYSTEMD_UNIT } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';

export interface SystemdUnits {
  service: string;
  timer: string;
}

/** `unit`: systemdUnitName(profile) (os-schedule-names.ts), the units' name without suffix. */
export function systemdUnits(request: OsScheduleRequest, unit: string = SYSTEMD_UNIT): SystemdUnits {
  const { program, interval } = request;
  const minutes = CHECK_PERIOD_MINUTES[interval];
  const service = [
    '[Unit]',
    'Description=NoteVault scheduled backup while NoteVault is closed',
    `Documentation=https://notevault.app`,
    '',
    '[Service]',
    'Type=oneshot',
    `ExecStart=${[execWord(program.executable, false), ...program.args.map((arg) => execWord(arg, true))].join(' ')}`,
    // A backup should not slow what the person is doing; a run that hangs is ended.
    'Nice=10',
    'IOSchedulingClass=idle',
    `TimeoutStartSec=${HEADLESS_RUN_LIMIT_HOURS}h`,
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    'Description=Start NoteVault scheduled backup while NoteVault is closed',
    '',
    '[Timer]',
    `OnCalendar=${onCalendar(minutes)}`,
    'Persistent=true',
    `Unit=${unit}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}

/** Every `minutes` from midnight: whole hours as an hour step, shorter periods as a minute step. */
function onCalendar(minutes: number): string {
  if (minutes % 60 === 0) return `*-*-* 00/${minutes / 60}:00:00`;
  return `*-*-* *:00/${minutes}:00`;
}

/**
 * One ExecStart word: always double-quoted, with C-style escapes for backslash and quote, `%`
 * doubled so systemd expands no specifier, and in arguments (not the program's path, which
 * systemd does not expand) `$` doubled so it expands no variable.
 */
export function execWord(arg: string, isArgument: boolean): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(arg)) {
    throw new Error(`A control character cannot be written into a systemd unit: ${JSON.stringify(arg)}`);
  }
  let escaped = arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%');
  if (isArgument) escaped = escaped.replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}
