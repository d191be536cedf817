import { mkdir, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { atomicPartialPath, ownedPartialPath } from './partial-names';
import { createPrivateTempDir, wipeLeftoverName } from './private-temp';
import { currentOwner, ownerTag } from './private-temp-owner';
import type { TempDirOwner } from './private-temp-owner';
import { sweepLeftovers } from './sweep';
import { childProcesses, startTicksOf } from '../../test/main/fsx/sweep-test-support';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
const children = childProcesses();
afterEach(async () => {
  await children.stopAll();
  await temp.cleanup();
});

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

    // As at start-up: the folder names this process, which then can only be an earlier one with its PID.
    const report = await sweepLeftovers([tempParent, backups, join(backups, 'never-created')], {
      isOurFinalName: (name) => name.endsWith('.nvbak'),
      atProcessStart: true,
    });

    expect(report.wipedTempDirs).toEqual([snapshotDir]);
    expect(report.wipedFiles).toEqual([wipeLeftover]);
    expect(report.removedPartials.sort()).toEqual([backupPartial, settingsPartial].sort());
    expect(report.failures).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.unknownOwners).toEqual([]);
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
    await sweepLeftovers([parent], { fs, random: (n) => Buffer.alloc(n, 0x2e), atProcessStart: true });
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

  it('leaves leftovers younger than minAgeMs alone when they name no owner (older versions)', async () => {
    const dir = await temp.make();
    const old = join(dir, 'notevault-tmp-backup-Old123');
    const fresh = join(dir, 'notevault-tmp-backup-New456');
    const freshPartial = join(dir, 'notes.nvbak.partial');
    await mkdir(old);
    await mkdir(fresh);
    await writeFile(freshPartial, 'half a backup');
    await writeFile(join(old, 'snapshot.db'), 'old');
    await writeFile(join(fresh, 'snapshot.db'), 'being written right now');
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(join(old, 'snapshot.db'), hourAgo, hourAgo);
    await utimes(old, hourAgo, hourAgo);
    // The fresh folder itself looks old, but the file in it is being written.
    await utimes(fresh, hourAgo, hourAgo);

    const report = await sweepLeftovers([dir], {
      minAgeMs: 10 * 60_000,
      isOurFinalName: (name) => name.endsWith('.nvbak'),
    });

    expect(report.wipedTempDirs).toEqual([old]);
    expect(report.skipped).toEqual([
      { path: freshPartial, kind: 'partial', reason: 'too-new' },
      { path: fresh, kind: 'private-temp-dir', reason: 'too-new' },
    ]);
    expect(report.unknownOwners).toEqual([]);
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

/** A private temp folder as `owner` would have made it, holding plaintext, its times `ageMs` in the past. */
async function ownedLeftover(parent: string, owner: TempDirOwner, ageMs = 0): Promise<string> {
  const dir = join(parent, `notevault-tmp-backup-${ownerTag(owner)}-Ab12Cd`);
  await mkdir(dir);
  await writeFile(join(dir, 'snapshot.db'), 'plaintext notes');
  const then = new Date(Date.now() - ageMs);
  await utimes(join(dir, 'snapshot.db'), then, then);
  await utimes(dir, then, then);
  return dir;
}

describe('sweepLeftovers and the owner named in a temp folder', () => {
  const HOUR = 3600_000;

  it('leaves the folder of a running process alone, however old, and wipes it once that process has exited', async () => {
    const parent = await temp.make();
    const { child, pid } = await children.start();
    const startTicks = process.platform === 'linux' ? startTicksOf(pid) : undefined;
    const live = await ownedLeftover(
      parent,
      { pid, threadId: 0, ...(startTicks ? { startTicks } : {}) },
      5 * HOUR,
    );

    const during = await sweepLeftovers([parent], { atProcessStart: true });
    expect(during.skipped).toEqual([{ path: live, kind: 'private-temp-dir', reason: 'owner-running' }]);
    expect(during.wipedTempDirs).toEqual([]);
    expect(await readFile(join(live, 'snapshot.db'), 'utf8')).toBe('plaintext notes');

    await children.stop(child);
    // Just made, and the sweep asks for an hour: a dead owner's folder goes at once all the same.
    await utimes(live, new Date(), new Date());
    const after = await sweepLeftovers([parent], { atProcessStart: true, minAgeMs: HOUR });
    expect(after.wipedTempDirs).toEqual([live]);
    expect(after.skipped).toEqual([]);
    expect(await readdir(parent)).toEqual([]);
  });

  it("keeps this process's own folders while it runs, and wipes them at process start", async () => {
    const parent = await temp.make();
    const mine = await createPrivateTempDir(parent, 'browse');
    await writeFile(join(mine, 'snapshot.db'), 'being browsed');

    const running = await sweepLeftovers([parent]);
    expect(running.skipped).toEqual([
      { path: mine, kind: 'private-temp-dir', reason: 'in-use-by-this-process' },
    ]);
    expect(await readFile(join(mine, 'snapshot.db'), 'utf8')).toBe('being browsed');

    const atStart = await sweepLeftovers([parent], { atProcessStart: true });
    expect(atStart.wipedTempDirs).toEqual([mine]);
  });

  it('wipes, from the main thread, the folder a job worker thread of this process left', async () => {
    const parent = await temp.make();
    const workers = await ownedLeftover(parent, { ...currentOwner(), threadId: 4 });
    const report = await sweepLeftovers([parent]);
    expect(report.wipedTempDirs).toEqual([workers]);
  });

  it('falls back to the age rule for an owner it cannot read, and says so', async () => {
    const parent = await temp.make();
    const fresh = join(parent, 'notevault-tmp-backup-pid0-th0-Fresh1');
    const old = join(parent, 'notevault-tmp-backup-pidx-Old123');
    for (const dir of [fresh, old]) {
      await mkdir(dir);
      await writeFile(join(dir, 'snapshot.db'), 'plaintext notes');
    }
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
    await utimes(join(old, 'snapshot.db'), twoHoursAgo, twoHoursAgo);
    await utimes(old, twoHoursAgo, twoHoursAgo);

    const report = await sweepLeftovers([parent], { minAgeMs: HOUR });

    expect(report.wipedTempDirs).toEqual([old]);
    expect(report.skipped).toEqual([{ path: fresh, kind: 'private-temp-dir', reason: 'too-new' }]);
    expect(report.unknownOwners.map((u) => u.path)).toEqual([fresh, old]);
    for (const unknown of report.unknownOwners) {
      expect(unknown.detail).toMatch(/has an owner part NoteVault cannot read/);
    }
    expect(await readdir(parent)).toEqual([basename(fresh)]);
  });
});

describe('sweepLeftovers and the owner named in a partial file', () => {
  const HOUR = 3600_000;
  const isBackup = (name: string): boolean => name.endsWith('.nvbak');

  it("removes a dead owner's partials at once, however fresh, and keeps a running owner's however old", async () => {
    const dir = await temp.make();
    const { child: crashed, pid: deadPid } = await children.start();
    await children.stop(crashed);
    const { pid: livePid } = await children.start();
    const dead = { pid: deadPid, threadId: 1 };
    const deadBackup = ownedPartialPath(join(dir, 'NoteVault-2026-01-01T00-00-00Z.nvbak'), dead);
    const deadSettings = atomicPartialPath(join(dir, 'settings.json'), dead);
    const liveBackup = ownedPartialPath(join(dir, 'NoteVault-2026-01-01T00-00-01Z.nvbak'), {
      pid: livePid,
      threadId: 1,
    });
    for (const path of [deadBackup, deadSettings, liveBackup]) await writeFile(path, 'ciphertext');
    const dayAgo = new Date(Date.now() - 24 * HOUR);
    await utimes(liveBackup, dayAgo, dayAgo);

    // As the app and the CLI sweep: ownerless leftovers get an hour.
    const report = await sweepLeftovers([dir], {
      isOurFinalName: isBackup,
      minAgeMs: HOUR,
      atProcessStart: true,
    });

    expect(report.removedPartials.sort()).toEqual([deadBackup, deadSettings].sort());
    expect(report.skipped).toEqual([{ path: liveBackup, kind: 'partial', reason: 'owner-running' }]);
    expect(report.failures).toEqual([]);
    expect(await readdir(dir)).toEqual([basename(liveBackup)]);
  });

  it("keeps this process's own partials while it runs, and removes them at process start", async () => {
    const dir = await temp.make();
    const mine = ownedPartialPath(join(dir, 'NoteVault-2026-01-01T00-00-00Z.nvbak'));
    await writeFile(mine, 'being encrypted');

    const running = await sweepLeftovers([dir], { isOurFinalName: isBackup });
    expect(running.skipped).toEqual([{ path: mine, kind: 'partial', reason: 'in-use-by-this-process' }]);

    const atStart = await sweepLeftovers([dir], { isOurFinalName: isBackup, atProcessStart: true });
    expect(atStart.removedPartials).toEqual([mine]);
  });

  it('removes, from the main thread, the partial a job worker thread of this process left', async () => {
    const dir = await temp.make();
    const workers = ownedPartialPath(join(dir, 'NoteVault-2026-01-01T00-00-00Z.nvbak'), {
      ...currentOwner(),
      threadId: 4,
    });
    await writeFile(workers, 'half a backup');
    const report = await sweepLeftovers([dir], { isOurFinalName: isBackup, minAgeMs: HOUR });
    expect(report.removedPartials).toEqual([workers]);
  });

  it('gives partials that name no owner (older versions) the hour', async () => {
    const dir = await temp.make();
    const fresh = join(dir, 'NoteVault-2026-01-01T00-00-00Z.nvbak.partial');
    const old = join(dir, 'NoteVault-2025-01-01T00-00-00Z.nvbak.partial');
    const freshSettings = join(dir, 'settings.json.notevault-0badf00d.partial');
    for (const path of [fresh, old, freshSettings]) await writeFile(path, 'ciphertext');
    const twoHoursAgo = new Date(Date.now() - 2 * HOUR);
    await utimes(old, twoHoursAgo, twoHoursAgo);

    const report = await sweepLeftovers([dir], {
      isOurFinalName: isBackup,
      minAgeMs: HOUR,
      atProcessStart: true,
    });

    expect(report.removedPartials).toEqual([old]);
    expect(report.skipped).toEqual([
      { path: fresh, kind: 'partial', reason: 'too-new' },
      { path: freshSettings, kind: 'partial', reason: 'too-new' },
    ]);
    expect((await readdir(dir)).sort()).toEqual([basename(fresh), basename(freshSettings)].sort());
  });
});
