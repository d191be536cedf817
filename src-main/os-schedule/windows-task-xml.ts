/**
 * The Task Scheduler task that runs NoteVault's scheduled backup while the app is closed
 * (schema: Microsoft's Task Scheduler Schema, version 1.2, "taskschedulerschema-*" pages on
 * learn.microsoft.com). Per user and without administrator rights: the task runs as the person
 * who turned it on (their SID), with the least privilege, only while they are logged on
 * (InteractiveToken) unless they chose "also when I am logged off" (S4U: no password is stored;
 * Windows gives such a task no network credentials, so a backup folder on a network share is
 * out of reach then).
 *
 * One time trigger repeating every check period (os-schedule-names.ts) for ever; a run missed
 * while the PC was off or asleep starts as soon as it can (StartWhenAvailable); on battery it
 * still runs; a run that hangs is ended after two hours; a second start while one runs is dropped.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { windowsCommandLine } from './windows-command-line';
import { xmlText } from './xml-text';
import { CHECK_PERIOD_MINUTES, HEADLESS_RUN_LIMIT_HOURS } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';
/** A backup of a large notes database takes minutes; this only ends one that hangs. */
export const TASK_EXECUTION_TIME_LIMIT = `PT${HEADLESS_RUN_LIMIT_HOURS}H`;

export interface WindowsTaskOptions extends OsScheduleRequest {
  /** The person's SID (S-1-5-21-...), from `whoami /user`. */
  userSid: string;
  /** The task's URI: its full name (windowsTaskName). */
  taskName: string;
  /** When the repetition starts: registration time, written as local time without a zone. */
  start: Date;
}

/** The task as XML text; the registrar writes it UTF-16 with a byte-order mark, as schtasks expects. */
export function windowsTaskXml(options: WindowsTaskOptions): string {
  const { program, interval, whenLoggedOff, userSid, taskName, start } = options;
  if (!/^S-1-\d+(-\d+)+$/.test(userSid)) throw new Error(`Not a Windows SID: ${userSid}`);
  refuseVariableLookalikes(program.executable, program.args);
  const line = (depth: number, text: string) => `${'  '.repeat(depth)}${text}`;
  const element = (depth: number, name: string, value: string) =>
    line(depth, `<${name}>${xmlText(value)}</${name}>`);
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    `<Task version="1.2" xmlns="${TASK_NAMESPACE}">`,
    line(1, '<RegistrationInfo>'),
    element(2, 'Author', 'NoteVault'),
    element(
      2,
      'Description',
      'Makes NoteVault\'s scheduled backup while NoteVault is closed. Turn it off in NoteVault: Settings, Backups, "Keep backing up when NoteVault is closed".',
    ),
    element(2, 'URI', taskName),
    line(1, '</RegistrationInfo>'),
    line(1, '<Triggers>'),
    line(2, '<TimeTrigger>'),
    element(3, 'Enabled', 'true'),
    element(3, 'StartBoundary', localDateTime(start)),
    line(3, '<Repetition>'),
    element(4, 'Interval', `PT${CHECK_PERIOD_MINUTES[interval]}M`),
    element(4, 'StopAtDurationEnd', 'false'),
    line(3, '</Repetition>'),
    line(2, '</TimeTrigger>'),
    line(1, '</Triggers>'),
    line(1, '<Principals>'),
    line(2, '<Principal id="Author">'),
    element(3, 'UserId', userSid),
    element(3, 'LogonType', whenLoggedOff ? 'S4U' : 'InteractiveToken'),
    element(3, 'RunLevel', 'LeastPrivilege'),
    line(2, '</Principal>'),
    line(1, '</Principals>'),
    line(1, '<Settings>'),
    element(2, 'MultipleInstancesPolicy', 'IgnoreNew'),
    element(2, 'DisallowStartIfOnBatteries', 'false'),
    element(2, 'StopIfGoingOnBatteries', 'false'),
    element(2, 'AllowHardTerminate', 'true'),
    element(2, 'StartWhenAvailable', 'true'),
    element(2, 'RunOnlyIfNetworkAvailable', 'false'),
    line(2, '<IdleSettings>'),
    element(3, 'StopOnIdleEnd', 'false'),
    element(3, 'RestartOnIdle', 'false'),
    line(2, '</IdleSettings>'),
    element(2, 'AllowStartOnDemand', 'true'),
    element(2, 'Enabled', 'true'),
    element(2, 'Hidden', 'false'),
    element(2, 'RunOnlyIfIdle', 'false'),
    element(2, 'WakeToRun', 'false'),
    element(2, 'ExecutionTimeLimit', TASK_EXECUTION_TIME_LIMIT),
    // Below normal (the default, 7): a backup should not slow what the person is doing.
    element(2, 'Priority', '7'),
    line(1, '</Settings>'),
    line(1, '<Actions Context="Author">'),
    line(2, '<Exec>'),
    element(3, 'Command', program.executable),
    element(3, 'Arguments', windowsCommandLine(program.args)),
    line(2, '</Exec>'),
    line(1, '</Actions>'),
    '</Task>',
    '',
  ].join('\r\n');
}

/**
 * Task Scheduler expands environment variables (%NAME%) in an action's Command and Arguments
 * when it starts the task (ExecAction, "Remarks", on learn.microsoft.com), and documents no way
 * to escape a percent sign there. A path with two percent signs could start another program or
 * back up another folder, so it is refused with a sentence Settings shows; one percent sign
 * alone cannot form a variable and is kept.
 */
function refuseVariableLookalikes(executable: string, args: readonly string[]): void {
  const offending = [executable, ...args].find((text) => /%[^%]*%/.test(text));
  if (offending === undefined) return;
  throw new NoteVaultError(
    'VALIDATION',
    'Windows cannot run NoteVault\'s backups while it is closed from a folder whose name has two "%" signs; move NoteVault or its data folder to a folder without them, or leave this option off.',
    { details: `Task Scheduler would expand %...% in: ${offending}` },
  );
}

/** xs:dateTime without a zone: Task Scheduler reads it as the PC's local time. */
function localDateTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}
