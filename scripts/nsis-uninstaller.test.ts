import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// build/installer.nsh's "Also remove my notes and backups" section, compiled by NSIS and run
// under Wine. electron-builder's full installer needs its own NSIS build and plugins (fetched
// from GitHub, so only on CI runners); this harness gives the section what electron-builder
// would: the $installMode variable, the ${isUpdated} test (a stand-in reading --updated, as
// electron-builder's reads its "updated" flag) and the uninstaller components page.
// Needs `makensis` (Debian package nsis) and `wine`.
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
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_UNPAGE_COMPONENTS
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
SectionEnd
!insertmacro customUnInstallSection
; A silent run cannot tick a box: --tick-removal selects the section as the tick would.
Function un.onInit
  StrCpy $installMode CurrentUser
  \${GetParameters} $R7
  ClearErrors
  \${GetOptions} $R7 "--tick-removal" $R6
  IfErrors +2
  SectionSetFlags \${NoteVaultRemoveUserData} \${SF_SELECTED}
FunctionEnd
`;

describe.skipIf(missingTools.length > 0)(
  `the uninstaller's user-data option (NSIS under Wine)${missingTools.length ? `: skipped, ${missingTools.join(' and ')} not installed` : ''}`,
  () => {
    let work: string;
    let env: NodeJS.ProcessEnv;
    let roaming: string;

    function wine(args: string[]) {
      const result = spawnSync('wine', args, { cwd: work, env, encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`wine ${args.join(' ')} failed: ${result.stderr}`);
    }

    /** Runs the uninstaller silently, in place (`_?=` keeps NSIS from re-launching a temp copy). */
    function uninstall(...flags: string[]) {
      wine(['uninstall.exe', '/S', ...flags, `_?=${'Z:' + work.replace(/\//g, '\\')}`]);
    }

    function seedUserData() {
      mkdirSync(join(roaming, 'NoteVault', 'backups'), { recursive: true });
      writeFileSync(join(roaming, 'NoteVault', 'notevault.db'), 'notes');
      writeFileSync(join(roaming, 'NoteVault', 'backups', 'weekly.nvbak'), 'backup');
      mkdirSync(join(roaming, 'SomeOtherApp'), { recursive: true });
      writeFileSync(join(roaming, 'SomeOtherApp', 'settings.json'), '{}');
    }

    beforeAll(() => {
      work = mkdtempSync(join(tmpdir(), 'notevault-nsis-'));
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
      roaming = join(work, 'prefix', 'drive_c', 'users', userInfo().username, 'AppData', 'Roaming');
    }, 120_000);

    afterAll(() => {
      spawnSync('wineserver', ['-k'], { env });
      rmSync(work, { recursive: true, force: true });
    });

    it('keeps notes and backups when the box is left unticked (also every silent uninstall)', () => {
      seedUserData();
      uninstall();
      expect(existsSync(join(roaming, 'NoteVault', 'notevault.db'))).toBe(true);
      expect(existsSync(join(roaming, 'NoteVault', 'backups', 'weekly.nvbak'))).toBe(true);
    });

    it('keeps them during an update even if the box were ticked', () => {
      seedUserData();
      uninstall('--updated', '--tick-removal');
      expect(existsSync(join(roaming, 'NoteVault', 'notevault.db'))).toBe(true);
    });

    it('removes %APPDATA%\\NoteVault, and nothing else, when the box is ticked', () => {
      seedUserData();
      uninstall('--tick-removal');
      expect(existsSync(join(roaming, 'NoteVault'))).toBe(false);
      expect(existsSync(join(roaming, 'SomeOtherApp', 'settings.json'))).toBe(true);
    });
  },
);
