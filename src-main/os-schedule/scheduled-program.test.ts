import { describe, expect, it } from 'vitest';
import { userDataOverride } from '../window/user-data-dir';
import { isScheduledBackupRun, scheduledProgram } from './scheduled-program';

const packaged = {
  platform: 'win32',
  execPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\NoteVault\\NoteVault.exe',
  isPackaged: true,
  appPath: 'C:\\Users\\ana\\AppData\\Local\\Programs\\NoteVault\\resources\\app.asar',
  env: {},
  userDataOverride: undefined,
};

describe('the program the OS scheduler starts', () => {
  it('is the installed app with the switch', () => {
    expect(scheduledProgram(packaged)).toEqual({
      executable: packaged.execPath,
      args: ['--run-scheduled-backup'],
    });
  });

  it('is the AppImage file on Linux, not the temporary mount it runs from', () => {
    expect(
      scheduledProgram({
        ...packaged,
        platform: 'linux',
        execPath: '/tmp/.mount_NoteVaXy12/notevault',
        env: { APPIMAGE: '/home/ana/Apps/NoteVault-0.1.0.AppImage' },
      }).executable,
    ).toBe('/home/ana/Apps/NoteVault-0.1.0.AppImage');
  });

  it("passes on another data folder, in the form the app's own start-up reads back", () => {
    const program = scheduledProgram({
      ...packaged,
      platform: 'linux',
      userDataOverride: '/home/ana/Work notes',
    });
    expect(program.args).toEqual(['--user-data-dir=/home/ana/Work notes', '--run-scheduled-backup']);
    expect(userDataOverride(program.args, {}, 'linux')).toBe('/home/ana/Work notes');
    expect(isScheduledBackupRun(program.args)).toBe(true);
  });

  it('is Electron with the app folder in an unpackaged build', () => {
    expect(
      scheduledProgram({
        ...packaged,
        isPackaged: false,
        execPath: '/repo/node_modules/electron/dist/electron',
        appPath: '/repo',
      }),
    ).toEqual({
      executable: '/repo/node_modules/electron/dist/electron',
      args: ['/repo', '--run-scheduled-backup'],
    });
  });

  it('tells a scheduled run from an ordinary start', () => {
    expect(isScheduledBackupRun(['NoteVault.exe'])).toBe(false);
    expect(isScheduledBackupRun(['NoteVault.exe', '--run-scheduled-backup'])).toBe(true);
  });
});
