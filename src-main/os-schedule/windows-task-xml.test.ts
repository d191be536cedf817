import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { taskSchemaProblems } from '../../test/main/os-schedule/task-scheduler-schema';
import { windowsTaskName } from './os-schedule-names';
import type { OsScheduleRequest } from './os-schedule-names';
import { windowsTaskXml } from './windows-task-xml';

const SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';
const program = {
  executable: 'C:\\Users\\Ana & Bo\\AppData\\Local\\Programs\\NoteVault\\NoteVault.exe',
  args: ['--run-scheduled-backup', '--user-data-dir=C:\\Users\\Ana & Bo\\Notes "work"\\'],
};

function xml(request: Partial<OsScheduleRequest> = {}) {
  return windowsTaskXml({
    interval: 'daily',
    whenLoggedOff: false,
    program,
    ...request,
    userSid: SID,
    taskName: windowsTaskName('Ana'),
    start: new Date(2026, 11, 6, 9, 30, 0),
  });
}

function read(text: string, path: string[]): string | null {
  let element: Element | null = new DOMParser().parseFromString(text, 'text/xml').documentElement;
  for (const name of path) element = element?.getElementsByTagName(name).item(0) ?? null;
  return element?.textContent ?? null;
}

/** The Microsoft C runtime's split of a command line (what NoteVault.exe's argv will be). */
function splitWindowsCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let inQuotes = false;
  let started = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === '\\') {
      let n = 0;
      while (line[i] === '\\') {
        n += 1;
        i += 1;
      }
      if (line[i] === '"') {
        current += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) current += '"';
        else inQuotes = !inQuotes;
      } else {
        current += '\\'.repeat(n);
        i -= 1;
      }
      started = true;
    } else if (char === '"') {
      inQuotes = !inQuotes;
      started = true;
    } else if (/\s/.test(char) && !inQuotes) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) args.push(current);
  return args;
}

describe('the Task Scheduler task', () => {
  it.each(['hourly', 'daily', 'weekly'] as const)(
    'conforms to the documented Task Scheduler schema (%s)',
    (interval) => {
      for (const whenLoggedOff of [false, true]) {
        expect(taskSchemaProblems(xml({ interval, whenLoggedOff }))).toEqual([]);
      }
    },
  );

  it('runs as the person, least privileged, and while logged off only when they chose so', () => {
    const onlyLoggedOn = xml();
    expect(read(onlyLoggedOn, ['Principal', 'UserId'])).toBe(SID);
    expect(read(onlyLoggedOn, ['Principal', 'LogonType'])).toBe('InteractiveToken');
    expect(read(onlyLoggedOn, ['Principal', 'RunLevel'])).toBe('LeastPrivilege');
    expect(read(xml({ whenLoggedOff: true }), ['Principal', 'LogonType'])).toBe('S4U');
  });

  it('starts missed runs when it can, on battery too, one at a time, and ends one that hangs', () => {
    const text = xml();
    expect(read(text, ['Settings', 'StartWhenAvailable'])).toBe('true');
    expect(read(text, ['Settings', 'DisallowStartIfOnBatteries'])).toBe('false');
    expect(read(text, ['Settings', 'StopIfGoingOnBatteries'])).toBe('false');
    expect(read(text, ['Settings', 'MultipleInstancesPolicy'])).toBe('IgnoreNew');
    expect(read(text, ['Settings', 'ExecutionTimeLimit'])).toBe('PT2H');
  });

  it('wakes NoteVault every check period from the registration time', () => {
    expect(read(xml({ interval: 'hourly' }), ['TimeTrigger', 'Repetition', 'Interval'])).toBe('PT15M');
    expect(read(xml({ interval: 'daily' }), ['TimeTrigger', 'Repetition', 'Interval'])).toBe('PT120M');
    expect(read(xml({ interval: 'weekly' }), ['TimeTrigger', 'Repetition', 'Interval'])).toBe('PT360M');
    expect(read(xml(), ['TimeTrigger', 'StartBoundary'])).toBe('2026-12-06T09:30:00');
  });

  it('starts the installed program with its arguments exactly as given, whatever characters the paths hold', () => {
    const text = xml();
    expect(read(text, ['Exec', 'Command'])).toBe(program.executable);
    expect(splitWindowsCommandLine(read(text, ['Exec', 'Arguments'])!)).toEqual(program.args);
    expect(read(text, ['RegistrationInfo', 'URI'])).toBe('\\NoteVault\\Scheduled backup (Ana)');
  });

  it('refuses a program path or data folder that Task Scheduler would read as %VARIABLE%, and keeps one lone percent sign', () => {
    const withProgram = (executable: string, args: readonly string[]) =>
      xml({ program: { executable, args } });
    expect(() => withProgram('C:\\Apps\\%APPDATA%\\NoteVault.exe', ['--run-scheduled-backup'])).toThrow(
      /two "%" signs/,
    );
    expect(() =>
      withProgram(program.executable, ['--user-data-dir=C:\\Notes %TEMP% copy', '--run-scheduled-backup']),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() =>
      withProgram(program.executable, ['--user-data-dir=C:\\100%%', '--run-scheduled-backup']),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    const lone = withProgram(program.executable, [
      '--user-data-dir=C:\\Notes 100% mine',
      '--run-scheduled-backup',
    ]);
    expect(splitWindowsCommandLine(read(lone, ['Exec', 'Arguments'])!)).toEqual([
      '--user-data-dir=C:\\Notes 100% mine',
      '--run-scheduled-backup',
    ]);
  });

  it('refuses a user id that is not a SID', () => {
    expect(() =>
      windowsTaskXml({
        interval: 'daily',
        whenLoggedOff: false,
        program,
        userSid: 'Ana',
        taskName: 'x',
        start: new Date(),
      }),
    ).toThrow(/SID/);
  });
});

describe('the schema check itself', () => {
  // So a test above cannot pass because the check accepts anything.
  it('finds an unknown element, an element out of order, a wrong value and a missing Actions', () => {
    const good = xml();
    expect(taskSchemaProblems(good.replace('<Hidden>', '<Hiden>').replace('</Hidden>', '</Hiden>'))).toEqual([
      '/Task/Settings/Hiden: no such element in settingsType',
    ]);
    const outOfOrder = good.replace(
      /(<Enabled>true<\/Enabled>)(\s*)(<StartBoundary>[^<]*<\/StartBoundary>)/,
      '$3$2$1',
    );
    expect(taskSchemaProblems(outOfOrder)).toEqual([
      "/Task/Triggers/TimeTrigger/Enabled: out of the schema's order in timeTriggerType",
    ]);
    expect(taskSchemaProblems(good.replace('IgnoreNew', 'Ignore'))).toEqual([
      '/Task/Settings/MultipleInstancesPolicy: "Ignore" is not a valid multipleInstancesPolicyType',
    ]);
    expect(taskSchemaProblems(good.replace('PT2H', '2 hours'))).toHaveLength(1);
    expect(taskSchemaProblems(good.replace(/<Actions[\s\S]*<\/Actions>/, ''))).toEqual([
      '/Task: the required Actions is missing',
    ]);
    expect(taskSchemaProblems(good.replace('&amp;', '&'))[0]).toMatch(/not well-formed/);
  });
});
