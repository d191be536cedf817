import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupFileName } from '../backup/backup-names';
import type { BackupKind } from '../backup/format/metadata';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import { applyRetention } from './apply-retention';
import { HOUR_MS } from './next-run';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const NOW = new Date('2026-06-17T12:00:00Z');

async function makeBackups(
  folder: string,
  specs: [hoursAgo: number, kind: BackupKind, bytes?: number][],
): Promise<string[]> {
  const names = specs.map(([hoursAgo, kind]) =>
    backupFileName(new Date(NOW.getTime() - hoursAgo * HOUR_MS), kind),
  );
  await Promise.all(
    names.map((name, i) => {
      const bytes = specs[i]![2];
      return writeFile(join(folder, name), bytes === undefined ? 'ciphertext' : Buffer.alloc(bytes));
    }),
  );
  return names;
}

const MIB = 1024 * 1024;

describe('applyRetention', () => {
  it('deletes what the plan lets go and never touches files it did not name', async () => {
    const folder = await folders.make();
    const [n1, n2, n3, n4, safety] = await makeBackups(folder, [
      [1, 'scheduled'],
      [2, 'manual'],
      [3, 'scheduled'],
      [4, 'scheduled'],
      [5, 'before-restore'],
    ]);
    const others = [
      'before-upgrade.nvbak',
      `${n3}.partial`,
      'notes.txt',
      'NoteVault-2026-13-01T00-00-00Z.nvbak',
    ];
    await Promise.all(others.map((name) => writeFile(join(folder, name), 'x')));

    const outcome = await applyRetention(
      folder,
      { keepLast: 2, thinDailyWeekly: false },
      { now: NOW, verifiedFiles: [join('/elsewhere', n1!)] },
    );

    expect(outcome.kept).toEqual([join(folder, n1!), join(folder, n2!), join(folder, safety!)]);
    expect(outcome.deleted).toEqual([join(folder, n3!), join(folder, n4!)]);
    expect(outcome.failed).toEqual([]);
    expect((await readdir(folder)).sort()).toEqual([n1, n2, safety, ...others].sort());
  });

  it('keeps the newest verified backup even when newer unverified ones fill keepLast', async () => {
    const folder = await folders.make();
    const [n1, n2, n3] = await makeBackups(folder, [
      [1, 'scheduled'],
      [2, 'scheduled'],
      [3, 'scheduled'],
    ]);
    const outcome = await applyRetention(
      folder,
      { keepLast: 1, thinDailyWeekly: false },
      { now: NOW, verifiedFiles: [join(folder, n2!), join(folder, n3!)] },
    );
    expect(outcome.kept).toEqual([join(folder, n1!), join(folder, n2!)]);
    expect(outcome.deleted).toEqual([join(folder, n3!)]);
  });

  it('waits out a briefly locked file, and reports one that stays locked while deleting the rest', async () => {
    const folder = await folders.make();
    const [, , n3, n4, n5] = await makeBackups(folder, [
      [1, 'scheduled'],
      [2, 'scheduled'],
      [3, 'scheduled'],
      [4, 'scheduled'],
      [5, 'scheduled'],
    ]);
    const clock = fakeClock();
    const realUnlink = nodeFileSystem.unlink;
    const briefly = scripted(realUnlink, ['EBUSY', 'EBUSY'], 'unlink');
    const forever = scripted(realUnlink, ['EBUSY', '*'], 'unlink');
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      unlink: (path) =>
        path.endsWith(n3!) ? briefly(path) : path.endsWith(n4!) ? forever(path) : realUnlink(path),
    };

    const outcome = await applyRetention(
      folder,
      { keepLast: 2, thinDailyWeekly: false },
      { now: NOW, fs, retry: { sleep: clock.sleep, now: clock.now } },
    );

    expect(briefly.calls).toHaveLength(3);
    expect(outcome.deleted).toEqual([join(folder, n3!), join(folder, n5!)]);
    expect(outcome.failed).toHaveLength(1);
    expect(outcome.failed[0]?.file).toBe(join(folder, n4!));
    expect(outcome.failed[0]?.message).toMatch(/another program is using the file/);
    expect(await readdir(folder)).toContain(n4);
  });

  it('orders backups made within the same second by their sequence number', async () => {
    const folder = await folders.make();
    const second = new Date(NOW.getTime() - HOUR_MS);
    const names = [1, 2, 3].map((n) => backupFileName(second, 'scheduled', n));
    await Promise.all(names.map((name) => writeFile(join(folder, name), 'x')));
    const outcome = await applyRetention(folder, { keepLast: 1, thinDailyWeekly: false }, { now: NOW });
    expect(outcome.kept).toEqual([join(folder, names[2]!)]);
  });

  it('fails clearly when the folder is missing', async () => {
    const folder = join(await folders.make(), 'gone');
    await expect(applyRetention(folder, { keepLast: 2, thinDailyWeekly: false })).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(folder) as unknown,
    });
  });

  it('under a cap, deletes the oldest by their size on disk, counting only its own regular files', async () => {
    const folder = await folders.make();
    // 4 + 3 + 3 + 3 MiB of backups under a 10 MiB cap; keepLast alone would keep all four.
    const [n1, n2, n3, n4] = await makeBackups(folder, [
      [1, 'scheduled', 4 * MIB],
      [2, 'scheduled', 3 * MIB],
      [3, 'manual', 3 * MIB],
      [4, 'scheduled', 3 * MIB],
    ]);
    // None of these counts toward the cap or is ever deleted: a person's own file, a partial, and
    // a folder and a link that carry generated names.
    await writeFile(join(folder, 'holiday-video.nvbak'), Buffer.alloc(20 * MIB));
    await writeFile(join(folder, `${n1}.partial`), Buffer.alloc(MIB));
    const dirName = backupFileName(new Date(NOW.getTime() - 9 * HOUR_MS), 'scheduled');
    await mkdir(join(folder, dirName));
    const linkName = backupFileName(new Date(NOW.getTime() - 8 * HOUR_MS), 'scheduled');
    await symlink(join(folder, 'holiday-video.nvbak'), join(folder, linkName));

    const outcome = await applyRetention(
      folder,
      { keepLast: 10, thinDailyWeekly: false, capMegabytes: 10 },
      { now: NOW, verification: { verified: new Set([n1!, n2!, n3!, n4!]), failedDrill: new Set() } },
    );

    expect(outcome.kept).toEqual([join(folder, n1!), join(folder, n2!), join(folder, n3!)]);
    expect(outcome.deleted).toEqual([join(folder, n4!)]);
    expect(outcome).toMatchObject({ freedBytes: 3 * MIB, keptBytes: 10 * MIB, overCap: false, failed: [] });
    expect((await readdir(folder)).sort()).toEqual(
      [n1, n2, n3, 'holiday-video.nvbak', `${n1}.partial`, dirName, linkName].sort(),
    );
  });

  it('a backup that failed its last drill is not the verified one: the newest good backup stays over the cap', async () => {
    const folder = await folders.make();
    const [n1, n2, n3] = await makeBackups(folder, [
      [1, 'scheduled', 6 * MIB],
      [2, 'scheduled', 6 * MIB],
      [3, 'scheduled', 6 * MIB],
    ]);
    const outcome = await applyRetention(
      folder,
      { keepLast: 3, thinDailyWeekly: false, capMegabytes: 10 },
      // All three were read back after writing; n1 and n2 then failed a restore drill.
      {
        now: NOW,
        verifiedFiles: [n1!, n2!, n3!],
        verification: { verified: new Set(), failedDrill: new Set([n1!, n2!]) },
      },
    );
    expect(outcome.kept).toEqual([join(folder, n3!)]);
    expect(outcome.deleted).toEqual([join(folder, n1!), join(folder, n2!)]);
    expect(outcome.overCap).toBe(false);
  });

  it('keeps what must stay even over the cap, and says so', async () => {
    const folder = await folders.make();
    const [n1, safety] = await makeBackups(folder, [
      [1, 'scheduled', 8 * MIB],
      [2, 'before-restore', 8 * MIB],
    ]);
    const outcome = await applyRetention(
      folder,
      { keepLast: 1, thinDailyWeekly: false, capMegabytes: 10 },
      { now: NOW, verifiedFiles: [n1!] },
    );
    expect(outcome.kept).toEqual([join(folder, n1!), join(folder, safety!)]);
    expect(outcome).toMatchObject({ deleted: [], freedBytes: 0, keptBytes: 16 * MIB, overCap: true });
  });
});
