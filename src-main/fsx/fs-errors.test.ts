import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from './fs-errors';
import { fsError } from '../../test/main/fsx/test-faults';

const FILE = '/data/backups/NoteVault-2026-01-01.nvbak';

function mapped(code: string, platform: NodeJS.Platform): NoteVaultError {
  const error = toNoteVaultError(fsError(code, 'open', FILE), 'open', FILE, platform);
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe('toNoteVaultError: the one errno mapping', () => {
  it.each(['EPERM', 'EACCES', 'EBUSY'])('on Windows %s is a file another program holds', (code) => {
    const error = mapped(code, 'win32');
    expect(error.code).toBe('FILE_LOCKED');
    expect(error.message).toContain(`Could not open "${FILE}": another program is using the file (${code}).`);
    // Nothing was retried here, so there is no wait to report.
    expect(error.message).not.toMatch(/attempts/);
  });

  it.each(['EPERM', 'EACCES'])('on Linux and macOS %s is a permission problem', (code) => {
    for (const platform of ['linux', 'darwin'] as const) {
      const error = mapped(code, platform);
      expect(error.code).toBe('IO');
      expect(error.message).toMatch(new RegExp(`permission denied \\(${code}\\)`));
    }
  });

  it('on Linux EBUSY is a file another program holds, as on Windows', () => {
    expect(mapped('EBUSY', 'linux').code).toBe('FILE_LOCKED');
  });

  it('ENOSPC is DISK_FULL on every platform', () => {
    for (const platform of ['win32', 'linux', 'darwin'] as const)
      expect(mapped('ENOSPC', platform).code).toBe('DISK_FULL');
  });
});
