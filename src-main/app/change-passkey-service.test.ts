/**
 * The service the window's Change passkey dialog calls, with the real job worker (bundled by
 * worker-test-support) and real v2 backups: the new passkey gets MODERATE costs, as in the app.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MEMLIMIT } from '../backup/format/format-constants';
import { readBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import type { JobProgress } from '../backup/progress';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import {
  NEW_PASSKEY,
  OLD_PASSKEY,
  OTHER_PASSKEY,
  keepKeys,
  makeV2Folder,
  passkeyWayIn,
  whichPasskeyOpens,
} from '../../test/main/backup/rekey-test-support';
import { defaultSettings } from '../../src-shared/settings';
import { passkeyChangeFolders } from '../destinations/passkey-change-folders';
import { ChangePasskeyService } from './change-passkey-service';
import { JobGate } from './job-gate';

let built: BuiltWorker;
beforeAll(async () => {
  built = await buildJobWorker();
}, 60_000);
afterAll(() => built.remove());

let root = '';
let backups = '';
let keysFolder = '';
let service: ChangePasskeyService;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'nv-change-passkey-service-'));
  backups = join(root, 'backups');
  keysFolder = join(root, 'data');
  mkdirSync(backups);
  mkdirSync(keysFolder);
  const oldWay = await passkeyWayIn(OLD_PASSKEY);
  await makeV2Folder(backups, 3, oldWay);
  await keepKeys(keysFolder, oldWay);
  service = new ChangePasskeyService({
    keysFolder,
    backupFolders: () => [backups],
    jobs: new JobGate(built.workerPath),
  });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ChangePasskeyService', () => {
  it('changes the backups in the job worker, reports progress, and says copies elsewhere keep the old passkey', async () => {
    const progress: JobProgress[] = [];
    const result = await service.change({ currentPasskey: OLD_PASSKEY, newPasskey: NEW_PASSKEY }, (p) =>
      progress.push(p),
    );

    expect(result.report).toMatchObject({ changed: 3, alreadyNew: 0, notChanged: [], derivations: 2 });
    expect(result.summary.at(-1)).toMatch(/anywhere else.*still open with the old passkey only/);
    expect(progress.at(-1)).toEqual({ phase: 'changing-passkey', bytesDone: 3, bytesTotal: 3 });
    const kept = (await readBackupKeys(keysFolder)).passkey!;
    expect(kept.kdf.memlimit).toBe(DEFAULT_MEMLIMIT);
    for (const name of ['NoteVault-2026-12-06T01-00-00Z.nvbak', 'NoteVault-2026-12-06T01-00-02Z.nvbak']) {
      expect(await whichPasskeyOpens(join(backups, name), [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
    }
  }, 60_000);

  // The copies NoteVault itself made in its other destinations and staging get the new passkey too;
  // a destination that cannot be reached is reported as not changed, with the folder named.
  it("changes NoteVault's copies in reachable destinations and staging, and lists an unreachable one as not changed", async () => {
    const usb = join(root, 'usb');
    const staging = join(root, 'staging');
    const unplugged = join(root, 'unplugged', 'NoteVault');
    const oldWay = await passkeyWayIn(OLD_PASSKEY);
    mkdirSync(usb);
    mkdirSync(staging);
    await makeV2Folder(usb, 2, oldWay);
    await makeV2Folder(staging, 1, oldWay);
    const retention = { keepLast: 10, thinDailyWeekly: false };
    const settings = {
      ...defaultSettings('linux'),
      backupFolder: backups,
      extraDestinations: [
        { id: 'd0000000a', folder: usb, retention },
        { id: 'd0000000b', folder: unplugged, retention },
      ],
    };
    const withCopies = new ChangePasskeyService({
      keysFolder,
      backupFolders: () => [backups],
      otherFolders: () => passkeyChangeFolders(settings, staging),
      jobs: new JobGate(built.workerPath),
    });
    const result = await withCopies.change({ currentPasskey: OLD_PASSKEY, newPasskey: NEW_PASSKEY });

    expect(result.report).toMatchObject({ changed: 6, otherDestinations: 1 });
    expect(result.report.notChanged).toEqual([
      { file: unplugged, reason: 'unreachable', message: expect.stringContaining(unplugged) as unknown },
    ]);
    for (const folder of [usb, staging]) {
      for (const name of readdirSync(folder)) {
        expect(await whichPasskeyOpens(join(folder, name), [OLD_PASSKEY, NEW_PASSKEY])).toBe(NEW_PASSKEY);
      }
    }
    expect(result.summary[0]).toContain("your backup folder and NoteVault's other backup destinations");
    expect(result.summary.join('\n')).toContain(`${unplugged}: this backup destination could not be reached`);
    expect(result.summary.at(-1)).toMatch(/anywhere else by you.*still open with the old passkey only/);
  }, 60_000);

  it('tells onKeysChanged the kept keys before and after, so the sealed record of scheduled backups can follow', async () => {
    const told: [BackupKeys, BackupKeys][] = [];
    const before = await readBackupKeys(keysFolder);
    const following = new ChangePasskeyService({
      keysFolder,
      backupFolders: () => [backups],
      jobs: new JobGate(built.workerPath),
      onKeysChanged: (was, now) => Promise.resolve(void told.push([was, now])),
    });
    await following.change({ currentPasskey: OLD_PASSKEY, newPasskey: NEW_PASSKEY });
    expect(told).toEqual([[before, await readBackupKeys(keysFolder)]]);
    expect(told[0]![1].passkey).not.toEqual(before.passkey);
  }, 60_000);

  it('refuses a weak or unchanged new passkey, and a wrong current one, leaving every file as it was', async () => {
    const file = join(backups, 'NoteVault-2026-12-06T01-00-01Z.nvbak');
    const before = readFileSync(file);
    await expect(
      service.change({ currentPasskey: OLD_PASSKEY, newPasskey: 'password1' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      service.change({ currentPasskey: OLD_PASSKEY, newPasskey: OLD_PASSKEY }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      service.change({ currentPasskey: OTHER_PASSKEY, newPasskey: NEW_PASSKEY }),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(readFileSync(file)).toEqual(before);
    expect(service.cancel()).toBe(false);
  }, 60_000);
});
