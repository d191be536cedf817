/**
 * Issue #13, hole 1: a leftover someone else planted (or tampers with while it is swept) must never
 * make the sweep write to or delete anything outside it. Each test plants an ownerless leftover
 * (as an older version named them), which the sweep wipes at once with the default minAgeMs 0.
 */
import { spawn } from 'node:child_process';
import { chown, lstat, mkdir, readdir, readFile, rename, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileSystem } from './fs-seam';
import { nodeFileSystem } from './fs-seam';
import { sweepLeftovers } from './sweep';
import { tempFolders } from '../../test/main/fsx/test-faults';

const temp = tempFolders();
afterEach(() => temp.cleanup());

const LEFTOVER = 'notevault-tmp-backup-Ab12Cd';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const posix = process.platform !== 'win32';

/** A victim folder with a few files, and a snapshot of their bytes to compare against. */
async function victimFolder(base: string) {
  const dir = join(base, 'victim');
  await mkdir(dir);
  for (let i = 0; i < 5; i++) await writeFile(join(dir, `note-${i}.txt`), `precious ${i} `.repeat(100));
  const snapshot = async () => {
    const names = (await readdir(dir)).sort();
    return Promise.all(names.map(async (name) => [name, (await readFile(join(dir, name))).toString('hex')]));
  };
  return { dir, before: await snapshot(), snapshot };
}

/** `<parent>/<LEFTOVER>/sub/` holding files, as a planted leftover would. */
async function plantLeftover(parent: string): Promise<string> {
  const leftover = join(parent, LEFTOVER);
  await mkdir(join(leftover, 'sub'), { recursive: true });
  for (let i = 0; i < 3; i++) await writeFile(join(leftover, 'sub', `decoy-${i}`), 'x'.repeat(4096));
  await writeFile(join(leftover, 'top'), 'y'.repeat(4096));
  return leftover;
}

describe.skipIf(!posix)('sweeping a hostile leftover', () => {
  it('never follows a subfolder swapped for a link between its check and its use (through the seam)', async () => {
    const base = await temp.make();
    const tempParent = join(base, 'tmp');
    await mkdir(tempParent);
    const victim = await victimFolder(base);
    const leftover = await plantLeftover(tempParent);
    const sub = join(leftover, 'sub');
    let swapped = false;
    // The swap happens right after the sweep has looked at "sub" and found a real folder (matched by
    // name only: the sweep may reach it through a path anchored at its opened parent).
    const fs: FileSystem = {
      ...nodeFileSystem,
      lstat: async (path) => {
        const info = await nodeFileSystem.lstat(path);
        if (!swapped && path.endsWith('/sub') && info.isDirectory()) {
          swapped = true;
          await rename(sub, join(base, 'sub-moved'));
          await symlink(victim.dir, sub);
        }
        return info;
      },
    };
    await sweepLeftovers([tempParent], { fs });
    expect(swapped).toBe(true);
    expect(await victim.snapshot()).toEqual(victim.before);
  });

  // Wiping a file looks at it more than once (the folder walk, then the wipe itself): swap after each in turn.
  it('never follows a file swapped for a link after any of its checks (through the seam)', async () => {
    for (const swapAt of [1, 2, 3]) {
      const base = await temp.make();
      const tempParent = join(base, 'tmp');
      await mkdir(tempParent);
      const victim = await victimFolder(base);
      const leftover = await plantLeftover(tempParent);
      const top = join(leftover, 'top');
      let looks = 0;
      const fs: FileSystem = {
        ...nodeFileSystem,
        lstat: async (path) => {
          const info = await nodeFileSystem.lstat(path);
          // The sweep may reach the file through a path anchored at its opened folder: match the name only.
          if (path.endsWith('/top') && info.isFile() && ++looks === swapAt) {
            await rename(top, join(base, 'top-moved'));
            await symlink(join(victim.dir, 'note-0.txt'), top);
          }
          return info;
        },
      };
      await sweepLeftovers([tempParent], { fs });
      expect(await victim.snapshot(), `swapped after check ${swapAt}`).toEqual(victim.before);
    }
  });

  it('leaves the victim untouched while another process races to swap a subfolder for a link', async () => {
    const base = await temp.make();
    const tempParent = join(base, 'tmp');
    await mkdir(tempParent);
    const victim = await victimFolder(base);
    const sub = join(tempParent, LEFTOVER, 'sub');
    // The attacker: swap "sub" for a link to the victim and back, as fast as it can, for a bounded time.
    const script = `
      const fs = require('node:fs');
      const [sub, victim, parked] = process.argv.slice(1);
      const pause = new Int32Array(new SharedArrayBuffer(4));
      let n = 0;
      const end = Date.now() + 4000;
      while (Date.now() < end) {
        // The real folder shows only for a moment (long enough for the sweep to look at it), then the link.
        // A fresh place each time: a folder parked while the sweep removed its parent stays behind.
        const aside = parked + '-' + n++;
        try { fs.renameSync(sub, aside); } catch { continue; }
        try { fs.symlinkSync(victim, sub); } catch {}
        Atomics.wait(pause, 0, 0, 2);
        try { fs.unlinkSync(sub); } catch {}
        try { fs.renameSync(aside, sub); } catch {}
        for (let i = 0; i < 20000; i++);
      }`;
    const attacker = spawn(process.execPath, ['-e', script, sub, victim.dir, join(base, 'parked')], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => attacker.on('exit', resolve));
    let rounds = 0;
    try {
      const end = Date.now() + 3500;
      while (Date.now() < end) {
        // Built aside and moved in whole, so planting never writes through the attacker's link.
        const staging = join(base, `staging-${rounds}`);
        await mkdir(staging);
        await plantLeftover(staging);
        await rename(join(staging, LEFTOVER), join(tempParent, LEFTOVER)).catch(() => undefined);
        // No retry budget: a folder the attacker refilled fails at once and the next round starts.
        await sweepLeftovers([tempParent], { retry: { budgetMs: 0 } });
        rounds++;
      }
    } finally {
      attacker.kill();
      await exited;
    }
    // Enough rounds that the race was really run (each takes a few milliseconds here).
    expect(rounds).toBeGreaterThan(3);
    expect(await victim.snapshot()).toEqual(victim.before);
  }, 20_000);

  it.skipIf(!isRoot)(
    'skips a leftover owned by another user (simulated as root with chown to 65534)',
    async () => {
      const base = await temp.make();
      const tempParent = join(base, 'tmp');
      await mkdir(tempParent);
      const leftover = await plantLeftover(tempParent);
      for (const path of [leftover, join(leftover, 'sub'), join(leftover, 'top')])
        await chown(path, 65534, 65534);
      const report = await sweepLeftovers([tempParent]);
      expect(report.wipedTempDirs).toEqual([]);
      expect(report.skipped).toEqual([{ path: leftover, kind: 'private-temp-dir', reason: 'other-owner' }]);
      expect((await lstat(join(leftover, 'top'))).size).toBe(4096);
      expect((await readFile(join(leftover, 'sub', 'decoy-0'))).toString()).toBe('x'.repeat(4096));
    },
  );
});
