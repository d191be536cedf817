import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { useWorkspace, volumeWithFree } from '../../test/main/backup/backup-test-support';
import { expectFailure } from '../../test/main/backup/format/test-support';
import { assertSpaceFor, encryptedSizeBound } from './space-check';

const ws = useWorkspace();
const MB = 1024 * 1024;

describe('assertSpaceFor', () => {
  it('adds up needs on the same volume before comparing', async () => {
    const fs = volumeWithFree(10 * MB);
    const needs = [
      { folder: ws.temp, bytes: 6 * MB, what: 'the copy' },
      { folder: ws.backups, bytes: 6 * MB, what: 'the backup' },
    ];
    await assertSpaceFor(needs.slice(0, 1), { fs });
    await expectFailure(
      assertSpaceFor(needs, { fs }),
      'DISK_FULL',
      /the copy and the backup .* needs 12\.0 MB, but only 10\.0 MB is available/,
    );
  });

  it('checks separate volumes separately', async () => {
    const fs: FileSystem = {
      ...nodeFileSystem,
      stat: async (path) => ({ ...(await nodeFileSystem.stat(path)), dev: path.startsWith(ws.temp) ? 1 : 2 }),
      statfs: async (path) => ({ ...(await nodeFileSystem.statfs(path)), bsize: 1, bavail: 7 * MB }),
    };
    await assertSpaceFor(
      [
        { folder: ws.temp, bytes: 6 * MB, what: 'the copy' },
        { folder: ws.backups, bytes: 6 * MB, what: 'the backup' },
      ],
      { fs },
    );
  });

  it('measures a folder that does not exist yet on its nearest existing parent', async () => {
    await assertSpaceFor([{ folder: join(ws.root, 'a', 'b', 'c'), bytes: 1, what: 'x' }]);
    await expectFailure(
      assertSpaceFor([{ folder: join(ws.root, 'a', 'b'), bytes: 2 * MB, what: 'x' }], {
        fs: volumeWithFree(MB),
      }),
      'DISK_FULL',
      new RegExp(`in "${ws.root}"`),
    );
  });

  it('bounds the backup size above the payload with the format overhead', () => {
    expect(encryptedSizeBound(0)).toBeGreaterThan(64 + 2 * 21);
    expect(encryptedSizeBound(10 * MB, 65536) - 10 * MB).toBeGreaterThan(160 * 21);
  });
});
