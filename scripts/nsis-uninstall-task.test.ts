import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  WINDOWS_TASKS_REGISTRY_KEY,
  profileTag,
  windowsTaskName,
} from '../src-main/os-schedule/os-schedule-names';
import { windowsTaskXml } from '../src-main/os-schedule/windows-task-xml';

// build/installer.nsh's customUnInstall, compiled by NSIS and run under Wine: the task that
// "Keep backing up when NoteVault is closed" registers is created with Wine's schtasks from the
// XML NoteVault generates, under the name NoteVault gives it, and the uninstaller must remove
// it (but not during an update). Wine keeps a registered task as a file in
// C:\windows\system32\tasks, which is what the test looks at (Wine's `schtasks /Query` is a stub
// that always succeeds). The harness gives the macro what electron-builder would: the
// ${isUpdated} test (reading --updated) inside the uninstaller's own section, as
// electron-builder's uninstaller.nsh inserts customUnInstall. Needs `makensis` and `wine`.
const include = join(__dirname, '..', 'build', 'installer.nsh');
const missingTools = ['makensis', 'wine'].filter(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0,
);

const harness = (includePath: string) => `
Unicode true
Target amd64-unicode
!include MUI2.nsh
!include LogicLib.nsh
!include FileFunc.nsh
!define BUILD_UNINSTALLER
Var installMode
!macro _isUpdated _a _b _t _f
  \${GetParameters} $R9
  ClearErrors
  \${GetOptions} $R9 "--updated" $R8
  IfErrors \`\${_f}\` \`\${_t}\`
!macroend
!define isUpdated \`"" isUpdated ""\`
!include "${includePath}"
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE English
Name "NoteVault uninstaller harness"
OutFile harness.exe
RequestExecutionLevel user
Section
  WriteUninstaller "$EXEDIR\\uninstall.exe"
SectionEnd
Section "un.Uninstall"
  SectionIn RO
  !insertmacro customUnInstall
SectionEnd
Function un.onInit
  StrCpy $installMode CurrentUser
FunctionEnd
`;

describe.skipIf(missingTools.length > 0)(
  `the uninstaller removes the scheduled backup task (NSIS and schtasks under Wine)${missingTools.length ? `: skipped, ${missingTools.join(' and ')} not installed` : ''}`,
  () => {
    let work: string;
    let env: NodeJS.ProcessEnv;
    let taskFile: string;
    let otherTaskFile: string;
    // Wine's %USERNAME% is the Linux account's name.
    const taskName = windowsTaskName(userInfo().username);
    // The task of another data folder (--user-data-dir), found through the app's registry note.
    const otherTaskName = windowsTaskName(userInfo().username, profileTag('C:\\Users\\ana\\Work notes'));
    const registryKey = `HKCU\\${WINDOWS_TASKS_REGISTRY_KEY}`;
    const taskFileOf = (name: string) =>
      join(work, 'prefix', 'drive_c', 'windows', 'system32', 'tasks', ...name.split('\\').filter(Boolean));
    const registryHasKey = () =>
      spawnSync('wine', ['reg', 'query', registryKey], { cwd: work, env, encoding: 'utf8' }).status === 0;

    function wine(args: string[]) {
      const result = spawnSync('wine', args, { cwd: work, env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`wine ${args.join(' ')} failed: ${result.stderr}`);
    }
    const windowsPath = (path: string) => `Z:${path.replace(/\//g, '\\')}`;

    /** Runs the uninstaller silently, in place (`_?=` keeps NSIS from re-launching a temp copy). */
    function uninstall(...flags: string[]) {
      wine(['uninstall.exe', '/S', ...flags, `_?=${windowsPath(work)}`]);
    }

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'notevault-nsis-task-'));
      env = {
        ...process.env,
        WINEPREFIX: join(work, 'prefix'),
        WINEDEBUG: '-all',
        WINEDLLOVERRIDES: 'mscoree,mshtml=',
      };
      writeFileSync(join(work, 'harness.nsi'), harness(include));
      const compiled = spawnSync('makensis', ['-V2', '-WX', 'harness.nsi'], { cwd: work, encoding: 'utf8' });
      if (compiled.status !== 0) throw new Error(`makensis failed:\n${compiled.stdout}${compiled.stderr}`);
      wine(['harness.exe', '/S']);
      const xml = windowsTaskXml({
        interval: 'daily',
        whenLoggedOff: false,
        program: {
          executable: 'C:\\Users\\ana\\AppData\\Local\\Programs\\NoteVault\\NoteVault.exe',
          args: ['--run-scheduled-backup'],
        },
        userSid: 'S-1-5-21-1004336348-1177238915-682003330-1001',
        taskName,
        start: new Date(2026, 11, 6, 9, 0, 0),
      });
      writeFileSync(join(work, 'task.xml'), Buffer.from(`\ufeff${xml}`, 'utf16le'));
      taskFile = taskFileOf(taskName);
      otherTaskFile = taskFileOf(otherTaskName);
    }, 180_000);

    beforeEach(() => {
      // Registered exactly as the app's registrar does it (os-schedule-registrar.ts).
      for (const name of [taskName, otherTaskName]) {
        wine(['schtasks', '/Create', '/XML', windowsPath(join(work, 'task.xml')), '/TN', name, '/F']);
        wine(['reg', 'add', registryKey, '/v', name, '/t', 'REG_SZ', '/d', 'C:\\somewhere', '/f']);
      }
      expect(existsSync(taskFile)).toBe(true);
      expect(existsSync(otherTaskFile)).toBe(true);
    });

    afterAll(() => {
      spawnSync('wineserver', ['-k'], { env });
      rmSync(work, { recursive: true, force: true });
    });

    it('keeps the task during an update', () => {
      uninstall('--updated');
      expect(existsSync(taskFile)).toBe(true);
      expect(existsSync(otherTaskFile)).toBe(true);
      expect(registryHasKey()).toBe(true);
    });

    it("removes every task of this person when NoteVault is uninstalled (another data folder's too) and the registry note, and an uninstall without a task still succeeds", () => {
      uninstall();
      expect(existsSync(taskFile)).toBe(false);
      expect(existsSync(otherTaskFile)).toBe(false);
      expect(registryHasKey()).toBe(false);
      uninstall();
    });
  },
);
