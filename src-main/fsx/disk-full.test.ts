import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFullError, isDiskFullCode } from './disk-full';
import { toNoteVaultError } from './fs-errors';
import { fsError } from '../../test/main/fsx/test-faults';

const FILE = join('/data', 'backups', 'NoteVault-2026-01-01T00-00-00Z.pid7-th1.nvbak.partial');

describe('diskFullError', () => {
  it('names the file being written and the folder whose drive is full, with the figures it has', () => {
    const error = diskFullError(
      { file: FILE, what: 'the encrypted backup', neededBytes: 3 * 1024 ** 2, availableBytes: 512 },
      'ENOSPC',
      undefined,
    );
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toBe(
      `Could not write the encrypted backup "${FILE}": the drive is full (ENOSPC); it needed about 3.0 MB ` +
        `and 512 bytes was free when it ran out. Free up space on the drive that holds "${join('/data', 'backups')}" ` +
        'or choose a folder on another drive, then try again.',
    );
  });

  it('leaves out what it does not know, and names a folder the caller chose', () => {
    const error = diskFullError({ file: FILE, folder: '/data' }, 'SQLITE_FULL', undefined, 'copy into');
    expect(error.message).toBe(
      `Could not copy into "${FILE}": the drive is full (SQLITE_FULL). Free up space on the drive that ` +
        'holds "/data" or choose a folder on another drive, then try again.',
    );
  });

  it('tells a used-up quota apart', () => {
    expect(diskFullError({ file: FILE }, 'EDQUOT', undefined).message).toMatch(
      /your disk quota on the drive that holds "\/data\/backups" is used up \(EDQUOT\)/,
    );
  });

  it('is what the file layer says for ENOSPC and EDQUOT', () => {
    for (const code of ['ENOSPC', 'EDQUOT']) {
      const cause = fsError(code, 'write', FILE);
      const mapped = toNoteVaultError(cause, 'write', FILE);
      expect(mapped).toEqual(diskFullError({ file: FILE }, code, cause));
      expect(isDiskFullCode(code)).toBe(true);
    }
    expect(isDiskFullCode('EIO')).toBe(false);
    expect(isDiskFullCode(undefined)).toBe(false);
  });
});
