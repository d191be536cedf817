import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTrustedPath, untrustedPathReason } from './trusted-path';

describe('untrustedPathReason on win32', () => {
  it.each(['C:\\Users\\ana\\Backups', 'd:/Backups', path.win32.join('E:\\', 'NoteVault', 'backups')])(
    'accepts the drive path %s',
    (candidate) => {
      expect(untrustedPathReason(candidate, 'win32')).toBeNull();
    },
  );

  it.each([
    ['\\\\host\\share\\backups', /UNC/],
    ['//host/share/backups', /UNC/],
    ['\\\\?\\C:\\Backups', /device/],
    ['\\\\.\\PhysicalDrive0', /device/],
    ['//?/C:/Backups', /device/],
    ['Backups', /absolute/],
    ['..\\Backups', /absolute/],
    ['\\Backups', /absolute/], // absolute to path.win32, relative to the current drive
    ['C:Backups', /absolute/],
    ['C:\\Back\0ups', /NUL/],
    ['', /empty/],
  ])('refuses %j', (candidate, reason) => {
    expect(untrustedPathReason(candidate, 'win32')).toMatch(reason);
  });
});

describe('untrustedPathReason on POSIX', () => {
  it.each(['/home/ana/Backups', path.posix.join('/', 'media', 'usb')])('accepts %s', (candidate) => {
    expect(untrustedPathReason(candidate, 'linux')).toBeNull();
    expect(untrustedPathReason(candidate, 'darwin')).toBeNull();
  });

  it.each([
    ['backups', /absolute/],
    ['./backups', /absolute/],
    ['\\\\host\\share', /absolute/],
    ['/home/ana/\0/etc', /NUL/],
  ])('refuses %j', (candidate, reason) => {
    expect(untrustedPathReason(candidate, 'linux')).toMatch(reason);
  });
});

describe('requireTrustedPath', () => {
  it('returns an accepted path unchanged', () => {
    expect(requireTrustedPath('/srv/backups', 'the backup folder', 'linux')).toBe('/srv/backups');
  });

  it('throws VALIDATION naming what was refused and why', () => {
    expect(() => requireTrustedPath('\\\\evil\\share', 'the backup folder', 'win32')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringMatching(/the backup folder because it is a network \(UNC\) path/) as unknown,
      }),
    );
  });
});
