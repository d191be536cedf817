import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { applyUserDataOverride, userDataOverride } from './user-data-dir';

const ELECTRON = ['/opt/NoteVault/notevault', 'out/main/index.js'];

describe('userDataOverride', () => {
  it('is undefined without the switch or the variable', () => {
    expect(userDataOverride(ELECTRON, {})).toBeUndefined();
    expect(userDataOverride([...ELECTRON, '--user-data-directory=/x'], { OTHER: '/y' })).toBeUndefined();
  });

  it('takes --user-data-dir=<folder>, the last one if repeated, made absolute', () => {
    expect(userDataOverride([...ELECTRON, '--user-data-dir=/data/a'], {})).toBe(resolve('/data/a'));
    expect(userDataOverride([...ELECTRON, '--user-data-dir=/data/a', '--user-data-dir=/data/b'], {})).toBe(
      resolve('/data/b'),
    );
    expect(userDataOverride([...ELECTRON, '--user-data-dir=profile'], {})).toBe(resolve('profile'));
  });

  it('takes NOTEVAULT_USER_DATA, and prefers the switch when both are given', () => {
    expect(userDataOverride(ELECTRON, { NOTEVAULT_USER_DATA: '/env/folder' })).toBe(resolve('/env/folder'));
    expect(
      userDataOverride([...ELECTRON, '--user-data-dir=/arg/folder'], { NOTEVAULT_USER_DATA: '/env/folder' }),
    ).toBe(resolve('/arg/folder'));
  });

  it('refuses an empty folder with a message saying how to use it', () => {
    const fromArg = () => userDataOverride([...ELECTRON, '--user-data-dir='], {});
    expect(fromArg).toThrow(NoteVaultError);
    expect(fromArg).toThrow(/--user-data-dir= names no folder/);
    expect(() => userDataOverride(ELECTRON, { NOTEVAULT_USER_DATA: '  ' })).toThrow(
      /NOTEVAULT_USER_DATA= names no folder/,
    );
  });
});

describe('userDataOverride and the one path rule', () => {
  it('refuses a UNC or device folder on Windows, from the switch and from the variable', () => {
    for (const folder of [
      '\\\\attacker\\share\\nv',
      '//attacker/share/nv',
      '\\\\?\\C:\\nv',
      '\\\\.\\pipe\\x',
    ]) {
      const fromArg = () => userDataOverride([...ELECTRON, `--user-data-dir=${folder}`], {}, 'win32');
      expect(fromArg, folder).toThrow(NoteVaultError);
      expect(fromArg, folder).toThrow(
        /refused the data folder given by --user-data-dir= because .*(UNC|device)/,
      );
      expect(() => userDataOverride(ELECTRON, { NOTEVAULT_USER_DATA: folder }, 'win32'), folder).toThrow(
        /given by NOTEVAULT_USER_DATA= because/,
      );
    }
    expect(userDataOverride([...ELECTRON, '--user-data-dir=D:\\NoteVault'], {}, 'win32')).toBe(
      'D:\\NoteVault',
    );
  });

  it('refuses a folder with a NUL character', () => {
    expect(() => userDataOverride(ELECTRON, { NOTEVAULT_USER_DATA: '/data/a\0b' }, 'linux')).toThrow(
      /because it contains a NUL character/,
    );
  });
});

describe('applyUserDataOverride', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'notevault-userdata-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  function recordingApp() {
    const paths: [string, string][] = [];
    return { paths, app: { setPath: (name: 'userData', path: string) => paths.push([name, path]) } };
  }

  it('creates the folder (Electron throws for a missing one) and sets userData to it', () => {
    const { app, paths } = recordingApp();
    const folder = join(work, 'new', 'profile');
    expect(applyUserDataOverride(app, ELECTRON, { NOTEVAULT_USER_DATA: folder })).toBe(folder);
    expect(existsSync(folder)).toBe(true);
    expect(paths).toEqual([['userData', folder]]);
  });

  it('leaves userData alone without an override', () => {
    const { app, paths } = recordingApp();
    expect(applyUserDataOverride(app, ELECTRON, {})).toBeUndefined();
    expect(paths).toEqual([]);
  });

  it('reports a folder it cannot create, naming it', () => {
    const { app, paths } = recordingApp();
    const blocker = join(work, 'a-file');
    writeFileSync(blocker, '');
    const folder = join(blocker, 'profile');
    expect(() => applyUserDataOverride(app, [...ELECTRON, `--user-data-dir=${folder}`], {})).toThrow(
      expect.objectContaining({ code: 'IO', message: expect.stringContaining(folder) as string }),
    );
    expect(paths).toEqual([]);
  });
});
