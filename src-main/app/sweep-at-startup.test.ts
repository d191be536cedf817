import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SweepReport } from '../backup/startup-sweep';
import { ownedPartialPath } from '../fsx/partial-names';
import { createPrivateTempDir } from '../fsx/private-temp';
import { ownerTag } from '../fsx/private-temp-owner';
import { childProcesses } from '../../test/main/fsx/sweep-test-support';
import { describeSweep, sweepAtStartup } from './sweep-at-startup';

let root: string;
let folders: { userDataDir: string; backupFolder: string; tempParent: string };
const children = childProcesses();

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-sweep-at-startup-'));
  folders = {
    userDataDir: join(root, 'userData'),
    backupFolder: join(root, 'backups'),
    tempParent: join(root, 'tmp'),
  };
  for (const dir of Object.values(folders)) mkdirSync(dir);
});

afterEach(async () => {
  await children.stopAll();
  rmSync(root, { recursive: true, force: true });
});

function plaintextIn(dir: string): string {
  mkdirSync(dir);
  writeFileSync(join(dir, 'snapshot.db'), 'SQLite format 3\0 my diary, in plain text');
  return dir;
}

describe('sweepAtStartup', () => {
  it('leaves the temp folder of a notevault command that is making a backup right now alone', async () => {
    const { pid } = await children.start();
    const cli = plaintextIn(
      join(folders.tempParent, `notevault-tmp-backup-${ownerTag({ pid, threadId: 1 })}-Cli001`),
    );
    const logged: string[] = [];

    const report = await sweepAtStartup(folders, (message) => void logged.push(message));

    expect(report?.skipped).toEqual([{ path: cli, kind: 'private-temp-dir', reason: 'owner-running' }]);
    expect(readdirSync(cli)).toEqual(['snapshot.db']);
    expect(logged).toEqual([
      'Start-up clean-up of what an earlier run left behind: 1 temporary folder left alone (another NoteVault process is using it).',
    ]);
  });

  it("removes a crashed command's fresh partial backup at once, and leaves a running command's alone", async () => {
    const { child: crashed, pid: deadPid } = await children.start();
    await children.stop(crashed);
    const { pid: livePid } = await children.start();
    const partialOf = (at: string, pid: number): string => {
      const path = ownedPartialPath(join(folders.backupFolder, `NoteVault-2026-03-01T00-00-${at}Z.nvbak`), {
        pid,
        threadId: 1,
      });
      writeFileSync(path, 'ciphertext');
      return path;
    };
    const dead = partialOf('01', deadPid);
    const live = partialOf('02', livePid);
    const logged: string[] = [];

    const report = await sweepAtStartup(folders, (message) => void logged.push(message));

    expect(report?.removedPartials).toEqual([dead]);
    expect(readdirSync(folders.backupFolder)).toEqual([basename(live)]);
    expect(logged).toEqual([
      'Start-up clean-up of what an earlier run left behind: 1 partial backup or settings file removed; ' +
        '1 partial backup or settings file left alone (another NoteVault process is writing it).',
    ]);
  });

  it('removes every staged backup but the newest, and nothing else in the staging folder', async () => {
    const staging = join(folders.userDataDir, 'backup-staging');
    mkdirSync(staging);
    const names = [
      'NoteVault-2026-03-01T00-00-00Z-scheduled.nvbak',
      'NoteVault-2026-03-02T00-00-00Z-scheduled.nvbak',
      'NoteVault-2026-03-03T00-00-00Z-scheduled.nvbak',
    ];
    for (const name of names) writeFileSync(join(staging, name), 'ciphertext');
    writeFileSync(join(staging, 'notes.txt'), 'not a backup');
    mkdirSync(join(staging, 'NoteVault-2026-02-01T00-00-00Z.nvbak'));
    const logged: string[] = [];

    await sweepAtStartup({ ...folders, otherBackupFolders: [staging], stagingFolder: staging }, (message) =>
      logged.push(message),
    );

    expect(readdirSync(staging).sort()).toEqual([
      'NoteVault-2026-02-01T00-00-00Z.nvbak',
      names[2],
      'notes.txt',
    ]);
    expect(logged).toContain(
      'Start-up clean-up: 2 older staged backups removed (only the newest is ever copied).',
    );
  });

  it('wipes a folder naming this process: at start-up it can only be an earlier one that had the same PID', async () => {
    const earlier = await createPrivateTempDir(folders.tempParent, 'browse');
    writeFileSync(join(earlier, 'snapshot.db'), 'plaintext');
    const report = await sweepAtStartup(folders, () => undefined);
    expect(report?.wipedTempDirs).toEqual([earlier]);
    expect(existsSync(earlier)).toBe(false);
  });

  it('wipes a folder whose owner it cannot read, as for an older version, and logs why', async () => {
    const odd = plaintextIn(join(folders.userDataDir, 'notevault-tmp-restore-pid99999999999-th0-Odd001'));
    // Older than the hour an ownerless leftover is given in case another program still uses it.
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    for (const path of [join(odd, 'snapshot.db'), odd]) utimesSync(path, twoHoursAgo, twoHoursAgo);
    const logged: string[] = [];

    const report = await sweepAtStartup(folders, (message) => void logged.push(message));

    expect(report?.wipedTempDirs).toEqual([odd]);
    expect(existsSync(odd)).toBe(false);
    expect(logged).toEqual([
      'Start-up clean-up of what an earlier run left behind: 1 temporary folder wiped; ' +
        '1 leftover named an owner that could not be checked (handled as from an older version).',
      `Start-up clean-up: The folder name "notevault-tmp-restore-pid99999999999-th0-Odd001" has an owner part NoteVault cannot read (expected "pid<number>[-st<number>]-th<number>" before the last six characters).`,
    ]);
  });
});

describe.skipIf(process.getuid?.() !== 0)(
  'sweepAtStartup in the shared temp folder older versions used',
  () => {
    it("wipes the user's own dead leftover there and leaves another user's (simulated as root with chown)", async () => {
      const legacy = join(root, 'shared-tmp');
      mkdirSync(legacy);
      const dead = `notevault-tmp-backup-${ownerTag({ pid: 2 ** 31 - 2, threadId: 0 })}-Ab12Cd`;
      const mine = plaintextIn(join(legacy, dead));
      const theirs = plaintextIn(join(legacy, dead.replace('Ab12Cd', 'Zz99Yy')));
      for (const path of [theirs, join(theirs, 'snapshot.db')]) chownSync(path, 65534, 65534);
      const report = await sweepAtStartup({ ...folders, legacyTempFolder: legacy }, () => undefined);
      expect(report?.wipedTempDirs).toEqual([mine]);
      expect(report?.skipped).toEqual([{ path: theirs, kind: 'private-temp-dir', reason: 'other-owner' }]);
      expect(existsSync(mine)).toBe(false);
      expect(readdirSync(theirs)).toEqual(['snapshot.db']);
    });
  },
);

describe('describeSweep', () => {
  const empty: SweepReport = {
    wipedTempDirs: [],
    wipedFiles: [],
    removedPartials: [],
    skipped: [],
    unknownOwners: [],
    failures: [],
  };

  it('says nothing when there was nothing to do', () => {
    expect(describeSweep(empty)).toBeNull();
  });

  it('names a passkey change it finished or whose journal it dropped', () => {
    expect(
      describeSweep({
        ...empty,
        finishedRekeys: ['/b/a.nvbak.rekey'],
        discardedRekeys: ['/b/c.nvbak.rekey'],
      }),
    ).toBe(
      'Start-up clean-up of what an earlier run left behind: 1 interrupted passkey change finished; ' +
        '1 unfinished passkey-change journal removed (its backup kept its passkey).',
    );
  });

  it('gives each reason for leaving something alone its own words', () => {
    const skip = (reason: SweepReport['skipped'][number]['reason'], n: number) =>
      Array.from({ length: n }, (_, i) => ({
        path: `/tmp/${reason}-${i}`,
        kind: 'private-temp-dir' as const,
        reason,
      }));
    const report: SweepReport = {
      ...empty,
      wipedFiles: ['/tmp/a', '/tmp/b'],
      skipped: [
        ...skip('owner-running', 2),
        ...skip('in-use-by-this-process', 1),
        ...skip('too-new', 1),
        ...skip('unexpected-type', 3),
        ...skip('other-owner', 1),
      ],
      failures: [{ path: '/tmp/c', code: 'FILE_LOCKED', message: 'held' }],
    };
    expect(describeSweep(report)).toBe(
      'Start-up clean-up of what an earlier run left behind: 2 half-wiped files wiped again; ' +
        '2 temporary folders left alone (another NoteVault process is using it); ' +
        '1 leftover left alone (in use by this run); ' +
        '1 leftover left alone (too recent; maybe still in use); ' +
        '3 leftovers left alone (not a plain file or folder); ' +
        '1 leftover left alone (it belongs to another user); 1 leftover could not be cleaned up.',
    );
  });
});
