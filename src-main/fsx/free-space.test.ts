import type { StatsFs } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { assertFreeSpace, availableBytes } from './free-space';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { fsError, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

function withFree(bavail: number, bsize = 4096): FileSystem {
  const stats: StatsFs = {
    type: 0,
    bsize,
    frsize: bsize,
    blocks: bavail * 2,
    bfree: bavail + 100,
    bavail,
    files: 0,
    ffree: 0,
  };
  return { ...nodeFileSystem, statfs: () => Promise.resolve(stats) };
}

describe('assertFreeSpace', () => {
  it('passes when enough is available (bavail * bsize, not bfree)', async () => {
    await expect(
      assertFreeSpace('/backups', 4096 * 1000, 'the backup', withFree(1000)),
    ).resolves.toBeUndefined();
    await expect(assertFreeSpace('/backups', 4096 * 1000 + 1, 'the backup', withFree(1000))).rejects.toThrow(
      NoteVaultError,
    );
  });

  it('says what, where, how much is needed and how much there is', async () => {
    const fs = withFree(Math.round((300.2 * 1024 * 1024) / 4096));
    const error = (await assertFreeSpace('D:\\Backups', 1.5 * 1024 ** 3, 'the backup', fs).catch(
      (e: unknown) => e,
    )) as NoteVaultError;
    expect(error).toBeInstanceOf(NoteVaultError);
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toContain('the backup');
    expect(error.message).toContain('"D:\\Backups"');
    expect(error.message).toContain('needs 1.5 GB');
    expect(error.message).toContain('only 300.2 MB is available');
    expect(error.message).toContain('Free up at least 1.2 GB');
  });

  it('works against the real file system', async () => {
    const dir = await temp.make();
    const free = await availableBytes(dir);
    expect(free).toBeGreaterThan(0);
    await expect(assertFreeSpace(dir, 1, 'a test')).resolves.toBeUndefined();
    await expect(assertFreeSpace(dir, Number.MAX_SAFE_INTEGER, 'a test')).rejects.toMatchObject({
      code: 'DISK_FULL',
    });
  });

  it('reports a missing folder as IO naming it', async () => {
    const dir = await temp.make();
    const missing = join(dir, 'nope');
    await expect(assertFreeSpace(missing, 1, 'the backup')).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(missing) as unknown,
    });
    const fs: FileSystem = {
      ...nodeFileSystem,
      statfs: (p) => Promise.reject(fsError('EACCES', 'statfs', p)),
    };
    await expect(assertFreeSpace('/x', 1, 'the backup', fs)).rejects.toMatchObject({ code: 'IO' });
  });

  it.each([-1, 1.5, NaN])('rejects a needed size of %d', async (n) => {
    await expect(assertFreeSpace('/x', n, 'the backup', withFree(10))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
