import { mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { atomicPartialPath, createPrivateTempDir, wipeLeftoverName } from './private-temp';
import { sweepLeftovers } from './sweep';
import { fakeClock, scripted, tempFolders } from './test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

const DECOYS: Record<string, string> = {
  'photo.jpg': 'decoy',
  'report.partial': 'another program downloading',
  'movie.mkv.partial': 'another program downloading',
  'notes.nvbak': 'a finished backup',
  'notevault-tmp-notes.txt': 'a file named almost like ours',
  'notevault-tmp-backup-abc': 'too short a suffix',
  'notevault-wipe-xyz': 'not 32 hex digits',
  'settings.json.partial': 'not the writeFileAtomic shape',
  'settings.json.notevault-1234.partial': 'not 8 hex digits',
};

async function plantDecoys(dir: string): Promise<void> {
  for (const [name, content] of Object.entries(DECOYS)) await writeFile(join(dir, name), content);
  await mkdir(join(dir, 'notevault-tmp-mine'));
  await writeFile(join(dir, 'notevault-tmp-mine', 'keep.txt'), 'a folder named almost like ours');
}

async function expectDecoysIntact(dir: string): Promise<void> {
  for (const [name, content] of Object.entries(DECOYS))
    expect(await readFile(join(dir, name), 'utf8')).toBe(content);
  expect(await readFile(join(dir, 'notevault-tmp-mine', 'keep.txt'), 'utf8')).toBe(
    'a folder named almost like ours',
  );
}

describe('sweepLeftovers', () => {
  it('removes our leftovers and keeps the decoys next to them', async () => {
    const tempParent = await temp.make();
    const backups = await temp.make();
    await plantDecoys(tempParent);
    await plantDecoys(backups);

    const snapshotDir = await createPrivateTempDir(tempParent, 'backup');
    await writeFile(join(snapshotDir, 'snapshot.db'), 'plaintext notes');
    const wipeLeftover = join(tempParent, wipeLeftoverName());
    await writeFile(wipeLeftover, 'half-wiped');
    const settingsPartial = atomicPartialPath(join(backups, 'settings.json'));
    await writeFile(settingsPartial, '{"half":');
    const backupPartial = join(backups, 'notes-2025-01-01.nvbak.partial');
    await writeFile(backupPartial, 'ciphertext...');

    const report = await sweepLeftovers([tempParent, backups, join(backups, 'never-created')], {
      isOurFinalName: (name) => name.endsWith('.nvbak'),
    });

    expect(report.wipedTempDirs).toEqual([snapshotDir]);
    expect(report.wipedFiles).toEqual([wipeLeftover]);
    expect(report.removedPartials.sort()).toEqual([backupPartial, settingsPartial].sort());
    expect(report.failures).toEqual([]);
    expect(report.skipped).toEqual([]);
    await expectDecoysIntact(tempParent);
    await expectDecoysIntact(backups);
    expect((await readdir(tempParent)).length).toBe(Object.keys(DECOYS).length + 1);
    expect((await readdir(backups)).length).toBe(Object.keys(DECOYS).length + 1);
  });

  it('overwrites plaintext in temp folders before deleting it', async () => {
    const parent = await temp.make();
    const dir = await createPrivateTempDir(parent, 'backup');
    await writeFile(join(dir, 'snapshot.db'), 'plaintext notes');
    const removedContent: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      unlink: async (path) => {
        removedContent.push(await readFile(path, 'utf8'));
        return nodeFileSystem.unlink(path);
      },
    };
    await sweepLeftovers([parent], { fs, random: (n) => Buffer.alloc(n, 0x2e) });
    expect(removedContent).toEqual(['.'.repeat('plaintext notes'.length)]);
    expect(await readdir(parent)).toEqual([]);
  });

  it('recognises backup partials only when the caller says the final name is ours', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'notes.nvbak.partial'), 'x');
    const report = await sweepLeftovers([dir]);
    expect(report.removedPartials).toEqual([]);
    expect(await readdir(dir)).toEqual(['notes.nvbak.partial']);
  });

  it('never follows or touches links that carry our names', async () => {
    const dir = await temp.make();
    const elsewhere = await temp.make();
    await writeFile(join(elsewhere, 'precious.txt'), 'keep');
    await symlink(elsewhere, join(dir, 'notevault-tmp-backup-AbC123'));
    await symlink(join(elsewhere, 'precious.txt'), join(dir, wipeLeftoverName()));
    const report = await sweepLeftovers([dir]);
    expect(report.skipped.map((s) => s.reason)).toEqual(['unexpected-type', 'unexpected-type']);
    expect(report.wipedTempDirs).toEqual([]);
    expect(report.wipedFiles).toEqual([]);
    expect(await readFile(join(elsewhere, 'precious.txt'), 'utf8')).toBe('keep');
    expect(await readdir(dir)).toHaveLength(2);
  });

  it('skips a file where our folder name should be a folder', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'notevault-tmp-backup-AbC123'), 'odd');
    const report = await sweepLeftovers([dir]);
    expect(report.skipped).toEqual([
      { path: join(dir, 'notevault-tmp-backup-AbC123'), kind: 'private-temp-dir', reason: 'unexpected-type' },
    ]);
    expect(await readFile(join(dir, 'notevault-tmp-backup-AbC123'), 'utf8')).toBe('odd');
  });

  it('leaves leftovers younger than minAgeMs alone', async () => {
    const dir = await temp.make();
    const old = await createPrivateTempDir(dir, 'backup');
    const fresh = await createPrivateTempDir(dir, 'backup');
    await writeFile(join(old, 'snapshot.db'), 'old');
    await writeFile(join(fresh, 'snapshot.db'), 'being written right now');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(join(old, 'snapshot.db'), hourAgo, hourAgo);
    await utimes(old, hourAgo, hourAgo);
    // The fresh folder itself looks old, but the file in it is being written.
    await utimes(fresh, hourAgo, hourAgo);

    const report = await sweepLeftovers([dir], { minAgeMs: 10 * 60_000 });

    expect(report.wipedTempDirs).toEqual([old]);
    expect(report.skipped).toEqual([{ path: fresh, kind: 'private-temp-dir', reason: 'too-new' }]);
    expect(await readFile(join(fresh, 'snapshot.db'), 'utf8')).toBe('being written right now');
  });

  it('keeps going past a leftover that stays locked and reports it', async () => {
    const dir = await temp.make();
    const lockedPartial = join(dir, 'a.nvbak.partial');
    const freePartial = join(dir, 'b.nvbak.partial');
    await writeFile(lockedPartial, 'x');
    await writeFile(freePartial, 'y');
    const realUnlink = scripted(nodeFileSystem.unlink, [], 'unlink');
    const unlink: FileSystem['unlink'] = (path) =>
      path === lockedPartial ? scripted(nodeFileSystem.unlink, ['EBUSY'], 'unlink')(path) : realUnlink(path);
    const clock = fakeClock();
    const report = await sweepLeftovers([dir], {
      fs: { ...nodeFileSystem, platform: 'win32', unlink },
      retry: { now: clock.now, sleep: clock.sleep, budgetMs: 100 },
      isOurFinalName: (name) => name.endsWith('.nvbak'),
    });
    expect(report.removedPartials).toEqual([freePartial]);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ path: lockedPartial, code: 'FILE_LOCKED' });
    expect(report.failures[0]!.message).toContain(lockedPartial);
    expect(await readdir(dir)).toEqual(['a.nvbak.partial']);
  });

  it('reports a folder it cannot list, other than a missing one', async () => {
    const dir = await temp.make();
    await writeFile(join(dir, 'file'), 'x');
    const report = await sweepLeftovers([join(dir, 'file'), join(dir, 'missing')]);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ path: join(dir, 'file'), code: 'IO' });
  });
});
