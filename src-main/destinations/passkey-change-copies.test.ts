import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSKEY, sha256File, useWorkspace } from '../../test/main/backup/backup-test-support';
import { NEW_PASSKEY, passkeyWayIn } from '../../test/main/backup/rekey-test-support';
import {
  backupsIn,
  DRIVE,
  setupDestinations,
  SYNCED,
} from '../../test/main/destinations/destinations-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import { ChangePasskeyService } from '../app/change-passkey-service';
import { JobGate } from '../app/job-gate';
import { drillBackup } from '../backup/drill/drill-backup';
import { keyIdOf } from '../backup/format/v2/way-in-keys';
import { PasskeyDerivations } from '../backup/rekey/passkey-derivations';
import { rekeyFile } from '../backup/rekey/rekey-file';
import { drillOne } from '../drills/drill-one';
import { COPY_SETTLE_DELAY_MS } from '../fsx/copy-into-folder';
import { copyExpectation } from '../settings/backup-catalogue';
import { passkeyChangeFolders } from './passkey-change-folders';

// A passkey change rewrites the header of each backup in the backup folder in place, so that copy's
// bytes are no longer those the catalogue entry recorded; its drill keeps its new size and hash on
// the copy (copyExpectation). Every later comparison of that copy with the catalogue (the settle
// re-check in a cloud-sync folder, a catch-up copied from it) must expect those, not the entry's.
// The real engine, catalogue, copy-in path, rekey and drill; only which folder syncs is injected.
const ws = useWorkspace();

let built: BuiltWorker;
beforeAll(async () => {
  built = await buildJobWorker();
}, 60_000);
afterAll(() => built.remove());

const bytesOf = (file: string) => ({ size: statSync(file).size, fileSha256: sha256File(file) });

describe('copies after a passkey change', () => {
  it("are compared with the copy's own bytes: the settle re-check passes and a catch-up copies it", async () => {
    const { runner, catalogue, later, destinations, drive, logs } = await setupDestinations(ws, {
      cloudSync: (folder) => (folder === ws.backups ? 'dropbox' : null),
      heldFolder: () => join(ws.root, 'nothing-held'),
    });
    const result = await runner.runScheduled();
    const name = basename(result.ok ? result.value.file : '');
    const file = join(ws.backups, name);
    expect(catalogue.get(name)?.copies[DRIVE]?.state).toBe('missing');
    expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');

    // The window's passkey change, on the backup folder's copy.
    const newWay = await passkeyWayIn(NEW_PASSKEY);
    const derivations = new PasskeyDerivations({ old: PASSKEY, new: NEW_PASSKEY });
    const changed = await rekeyFile(file, {
      oldPasskey: PASSKEY,
      newPasskey: NEW_PASSKEY,
      deriveOld: derivations.deriverFor('old'),
      deriveNew: derivations.deriverFor('new'),
      newRecipient: { kind: 'passkey', kdf: newWay.kdf, publicKey: newWay.publicKey },
      newKeyId: await keyIdOf(newWay.publicKey),
      mayDerive: () => true,
    });
    expect(changed).toMatchObject({ status: 'changed' });
    const rewritten = { size: statSync(file).size, fileSha256: sha256File(file) };
    expect(rewritten.fileSha256).not.toBe(catalogue.get(name)?.fileSha256);
    // Its restore test, as the drill service runs it: the catalogue keeps the copy's new bytes.
    const drilled = await drillOne(
      {
        runDrill: (request, signal) => drillBackup(request, { signal }),
        catalogue,
        clock: {
          now: () => Date.now(),
          setTimeout,
          clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
        },
        tempParent: ws.temp,
      },
      { destinationId: 'primary', folder: ws.backups, name, entry: catalogue.get(name)! },
      { passkey: NEW_PASSKEY },
      new AbortController().signal,
      (message) => logs.push(message),
    );
    expect(drilled).toMatchObject({ outcome: 'passed' });
    expect(copyExpectation(catalogue.get(name)!, 'primary')).toEqual(rewritten);

    // The cloud-sync folder's settle re-check, due after the change.
    expect(later).toHaveLength(1);
    await later[0]?.work();
    expect(catalogue.get(name)?.copies.primary).toMatchObject({
      state: 'verified',
      settledCheckAt: expect.any(Number) as unknown,
      ...rewritten,
    });

    // The drive comes back: caught up from a copy the catalogue knows, with that copy's bytes.
    mkdirSync(drive, { recursive: true });
    expect(await destinations.catchUp()).toBe(1);
    expect(backupsIn(drive)).toEqual([name]);
    const copied = join(drive, name);
    expect(catalogue.get(name)?.copies[DRIVE]?.state).toBe('verified');
    expect(copyExpectation(catalogue.get(name)!, DRIVE)).toEqual({
      size: statSync(copied).size,
      fileSha256: sha256File(copied),
    });
    // The copy the change did not touch still expects the bytes written.
    expect(copyExpectation(catalogue.get(name)!, SYNCED)).toEqual({
      size: catalogue.get(name)?.size,
      fileSha256: catalogue.get(name)?.fileSha256,
    });
    expect(logs.filter((line) => /differ|changed since|mismatch/i.test(line))).toEqual([]);
  });

  // The window's passkey change itself (the service, its job in the real worker) keeps the catalogue
  // in step with every copy it rewrote: before, the cloud folder's settle re-check marked the copy
  // 'failed' and a catch-up copied from the backup folder failed its hash check.
  it('the passkey change records each rewritten copy: settle re-check and catch-up find no mismatch', async () => {
    const { runner, catalogue, destinations, drive, synced, staging, settings, advance, logs } =
      await setupDestinations(ws, {
        cloudSync: (folder) => (folder === synced ? 'dropbox' : null),
        heldFolder: () => join(ws.root, 'nothing-held'),
      });
    const names: string[] = [];
    for (const _ of [1, 2]) {
      const result = await runner.runScheduled();
      names.push(basename(result.ok ? result.value.file : ''));
      advance(60_000);
    }
    const [older, newest] = names as [string, string];
    for (const name of names) {
      expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
      expect(catalogue.get(name)?.copies[DRIVE]?.state).toBe('missing');
    }
    // A copy the change cannot rewrite (read-only) keeps the bytes, and the expectation, it had.
    chmodSync(join(synced, older), 0o444);

    const service = new ChangePasskeyService({
      keysFolder: ws.dbDir,
      backupFolders: () => [ws.backups],
      otherFolders: () => passkeyChangeFolders(settings, staging),
      jobs: new JobGate(built.workerPath),
      catalogue,
    });
    const { report } = await service.change({ currentPasskey: PASSKEY, newPasskey: NEW_PASSKEY });
    expect(report).toMatchObject({ changed: 3 });
    expect(report.notChanged.map((n) => [basename(n.file), n.reason])).toEqual([
      [older, 'read-only'],
      [basename(drive), 'unreachable'],
    ]);
    expect(report).not.toHaveProperty('rewritten');

    for (const name of names) {
      const entry = catalogue.get(name)!;
      const primary = bytesOf(join(ws.backups, name));
      expect(primary.fileSha256).not.toBe(entry.fileSha256);
      expect(copyExpectation(entry, 'primary')).toEqual(primary);
    }
    expect(copyExpectation(catalogue.get(newest)!, SYNCED)).toEqual(bytesOf(join(synced, newest)));
    expect(copyExpectation(catalogue.get(older)!, SYNCED)).toEqual({
      size: catalogue.get(older)?.size,
      fileSha256: catalogue.get(older)?.fileSha256,
    });
    expect(bytesOf(join(synced, older))).toEqual(copyExpectation(catalogue.get(older)!, SYNCED));

    // The cloud-sync folder's settle re-check, owed since the run: both copies match.
    advance(COPY_SETTLE_DELAY_MS);
    expect(await destinations.settleDue()).toBe(2);
    for (const name of names) expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');

    // The drive comes back: the newest is caught up from the backup folder's rewritten copy.
    mkdirSync(drive, { recursive: true });
    expect(await destinations.catchUp()).toBe(1);
    expect(catalogue.get(newest)?.copies[DRIVE]?.state).toBe('verified');
    expect(copyExpectation(catalogue.get(newest)!, DRIVE)).toEqual(bytesOf(join(drive, newest)));
    expect(logs.filter((line) => /differ|changed since|mismatch/i.test(line))).toEqual([]);
  }, 120_000);

  // A backup for a cloud-synced backup folder whose copy-in failed waits in staging; the change
  // rewrites it there, and the catch-up that copies it in later must expect its new bytes.
  it('a staged backup the change rewrote is caught up into the backup folder with its new bytes', async () => {
    const { runner, catalogue, destinations, holder, staging, settings, logs } = await setupDestinations(ws, {
      cloudSync: (folder) => (folder === ws.backups ? 'dropbox' : null),
      heldFolder: (folders) => folders.backups,
    });
    // The sync client holds the backup folder: the run fails to copy it in and it stays staged.
    expect((await runner.runScheduled()).ok).toBe(false);
    const [name = ''] = backupsIn(staging);
    expect(catalogue.get(name)?.copies.primary?.state).not.toBe('verified');

    const service = new ChangePasskeyService({
      keysFolder: ws.dbDir,
      backupFolders: () => [ws.backups],
      otherFolders: () => passkeyChangeFolders(settings, staging),
      jobs: new JobGate(built.workerPath),
      catalogue,
    });
    await service.change({ currentPasskey: PASSKEY, newPasskey: NEW_PASSKEY });
    const stagedNow = bytesOf(join(staging, name));
    expect(stagedNow.fileSha256).not.toBe(catalogue.get(name)?.fileSha256);

    holder.held = false;
    expect(await destinations.catchUp()).toBeGreaterThanOrEqual(1);
    expect(catalogue.get(name)?.copies.primary?.state).toBe('verified');
    expect(bytesOf(join(ws.backups, name))).toEqual(stagedNow);
    expect(copyExpectation(catalogue.get(name)!, 'primary')).toEqual(stagedNow);
    expect(logs.filter((line) => /differ|changed since|mismatch/i.test(line))).toEqual([]);
  }, 120_000);
});
