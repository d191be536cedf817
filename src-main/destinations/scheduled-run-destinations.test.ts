import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { makeNotesDatabase, PASSKEY, useWorkspace } from '../../test/main/backup/backup-test-support';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { fakeClock, fsError } from '../../test/main/fsx/test-faults';
import { BackupRunner } from '../app/backup-runner';
import { createBackup } from '../backup/create-backup';
import { deriveKey } from '../backup/format/kdf';
import { copyBackupInto } from '../fsx/copy-into-folder';
import { sha256OfFile } from '../fsx/file-sha256';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { enableDeviceKey } from '../keystore/unattended-key';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../settings/backup-catalogue';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import { BackupDestinations } from './backup-destinations';

// Done-when 2 of issue #17: three destinations, one missing (an unplugged drive) and one held by a
// sync client (on Linux the holder is injected at the file seam: the rename that publishes the
// copy fails the way Windows fails it while a client has the new file open without share-delete).
// The real engine, catalogue and copy-in path; only the holder is simulated.
const ws = useWorkspace();
const DRIVE = 'd0000000a';
const SYNCED = 'd0000000b';

/** A sync-client-like holder of the files in `folder`: while `held`, publishing a file there fails with `code`. */
function holderOf(folder: string, code: string, platform: NodeJS.Platform) {
  const holder = { held: true, refusals: 0, lettingGoAfter: Infinity };
  const fs: FileSystem = {
    ...nodeFileSystem,
    platform,
    rename: async (from, to) => {
      if (holder.held && to.startsWith(folder + sep)) {
        holder.refusals += 1;
        if (holder.refusals >= holder.lettingGoAfter) holder.held = false;
        throw fsError(code, 'rename', from, to);
      }
      return nodeFileSystem.rename(from, to);
    },
  };
  return { holder, fs };
}

async function setup(code = 'EBUSY', platform: NodeJS.Platform = 'linux') {
  makeNotesDatabase(ws.db, 5);
  let time = new Date('2026-12-06T03:00:00Z').getTime();
  const keyStore = new FileSealedKeyStore(join(ws.root, 'sealed-backup-key.bin'), new InMemorySealer());
  await enableDeviceKey(PASSKEY, keyStore, deriveKey, ws.dbDir, cheapKdfParams());
  const drive = join(ws.root, 'usb-drive', 'NoteVault');
  const synced = join(ws.root, 'Dropbox', 'NoteVault');
  mkdirSync(synced, { recursive: true });
  const retention = { keepLast: 10, thinDailyWeekly: false };
  const settings: Settings = {
    ...defaultSettings('linux'),
    backupFolder: ws.backups,
    extraDestinations: [
      { id: DRIVE, folder: drive, retention },
      { id: SYNCED, folder: synced, retention },
    ],
  };
  const { holder, fs } = holderOf(synced, code, platform);
  const clock = fakeClock();
  const fileLayer = { fs, retry: { sleep: clock.sleep, now: clock.now } };
  const logs: string[] = [];
  const state = await BackupStateStore.open(join(ws.root, BACKUP_STATE_FILE));
  const catalogue = await BackupCatalogue.open(join(ws.root, BACKUP_CATALOGUE_FILE), { now: () => time });
  const destinations = new BackupDestinations({
    settings: { get: () => settings },
    catalogue,
    copyBackupInto,
    cloudSyncOf: () => Promise.resolve(null),
    stagingFolder: join(ws.root, 'backup-staging'),
    verifiedFiles: () => state.verifiedFiles(),
    fileLayer,
    now: () => time,
    log: (message) => logs.push(message),
  });
  const runner = new BackupRunner({
    runBackupJob: (request) => createBackup({ ...request, now: () => new Date(time) }),
    settings: { get: () => settings },
    state,
    keyStore,
    databasePath: ws.db,
    appVersion: '0.1.0',
    tempParent: ws.temp,
    now: () => time,
    log: (message) => logs.push(message),
    destinations,
  });
  const advance = (ms: number) => (time += ms);
  return { runner, destinations, catalogue, holder, drive, synced, logs, advance, settings };
}

const backupsIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : []);

describe('a scheduled run with three destinations', () => {
  it.each([
    ['EBUSY', 'linux'],
    ['EPERM', 'win32'],
  ] as const)(
    'copies and verifies where it can, says per destination what happened, and catches up the missing and the held one (%s, %s semantics)',
    async (code, platform) => {
      const { runner, destinations, catalogue, holder, drive, synced, logs } = await setup(code, platform);

      const result = await runner.runScheduled();
      expect(result.ok).toBe(true);
      const file = result.ok ? result.value.file : '';
      const name = basename(file);
      expect(backupsIn(ws.backups)).toEqual([name]);
      // The unplugged drive and the held folder: no copy, and no partial left behind either.
      expect(backupsIn(drive)).toEqual([]);
      expect(backupsIn(synced)).toEqual([]);
      expect(holder.refusals).toBeGreaterThan(1);

      const entry = catalogue.get(name);
      expect(entry).toMatchObject({
        size: readFileSync(file).length,
        fileSha256: (await sha256OfFile(file)).sha256,
        noteCount: 5,
        openWithDevice: true,
      });
      expect(entry?.copies.primary?.state).toBe('verified');
      expect(entry?.copies[DRIVE]).toMatchObject({
        state: 'missing',
        message: expect.stringContaining(`"${drive}" cannot be reached`) as unknown,
      });
      expect(entry?.copies[SYNCED]).toMatchObject({
        state: 'failed',
        message: expect.stringContaining('another program is using the file') as unknown,
      });
      expect(logs.some((line) => line.includes(drive))).toBe(true);
      expect(logs.some((line) => line.includes(synced))).toBe(true);

      const status = await destinations.status();
      expect(
        status.map(({ id, reachable, pendingCount, lastVerifiedCopy }) => ({
          id,
          reachable,
          pendingCount,
          lastVerifiedCopy,
        })),
      ).toEqual([
        { id: 'primary', reachable: true, pendingCount: 0, lastVerifiedCopy: name },
        { id: DRIVE, reachable: false, pendingCount: 1, lastVerifiedCopy: null },
        { id: SYNCED, reachable: true, pendingCount: 1, lastVerifiedCopy: null },
      ]);
      expect(status[1]?.problem).toContain('cannot be reached');
      expect(status[2]?.lastCopyProblem).toContain('another program is using the file');
      expect(status[0]?.usageBytes).toBe(readFileSync(file).length);

      // The drive is plugged in again and the sync client let go.
      mkdirSync(drive, { recursive: true });
      holder.held = false;
      expect(await destinations.catchUp()).toBe(2);
      for (const folder of [drive, synced]) {
        expect(backupsIn(folder)).toEqual([name]);
        expect(readFileSync(join(folder, name)).equals(readFileSync(file))).toBe(true);
      }
      expect(Object.values(catalogue.get(name)?.copies ?? {}).map((copy) => copy.state)).toEqual([
        'verified',
        'verified',
        'verified',
      ]);
      expect(
        (await destinations.status()).map((d) => [d.id, d.reachable, d.pendingCount, d.lastCopyProblem]),
      ).toEqual([
        ['primary', true, 0, null],
        [DRIVE, true, 0, null],
        [SYNCED, true, 0, null],
      ]);
    },
  );

  it('verifies the copy in the same run when the sync client lets go within the retry budget', async () => {
    const { runner, catalogue, holder, synced } = await setup('EBUSY');
    holder.lettingGoAfter = 3;
    const result = await runner.runScheduled();
    const name = basename(result.ok ? result.value.file : '');
    expect(holder.refusals).toBe(3);
    expect(backupsIn(synced)).toEqual([name]);
    expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
  });

  it('catches up at the start of the next run: the returned drive gets the newest backup it lacks', async () => {
    const { runner, catalogue, holder, drive, advance } = await setup();
    holder.held = false;
    const first = await runner.runScheduled();
    const firstName = basename(first.ok ? first.value.file : '');
    expect(catalogue.get(firstName)?.copies[DRIVE]?.state).toBe('missing');
    mkdirSync(drive, { recursive: true });
    advance(3_600_000);
    const second = await runner.runScheduled();
    expect(second.ok).toBe(true);
    const secondName = basename(second.ok ? second.value.file : '');
    // Catch-up copied the newest it lacked (the first), then the run copied its own.
    expect(backupsIn(drive)).toEqual([firstName, secondName].sort());
    expect(catalogue.get(firstName)?.copies[DRIVE]?.state).toBe('verified');
    expect(catalogue.get(secondName)?.copies[DRIVE]?.state).toBe('verified');
  });

  it('cleans up each destination with its own retention and forgets only what went there', async () => {
    const { runner, catalogue, holder, synced, advance, settings } = await setup();
    holder.held = false;
    const names: string[] = [];
    const run = async () => {
      const made = await runner.runScheduled();
      names.push(basename(made.ok ? made.value.file : ''));
      advance(3_600_000);
    };
    for (let i = 0; i < 3; i++) await run();
    expect(backupsIn(synced)).toEqual([...names].sort());
    // The synced folder keeps 2 from now on; the backup folder still keeps 10.
    const extras = settings.extraDestinations ?? [];
    settings.extraDestinations = extras.map((extra) =>
      extra.id === SYNCED ? { ...extra, retention: { keepLast: 2, thinDailyWeekly: false } } : extra,
    );
    await run();
    expect(backupsIn(ws.backups)).toEqual([...names].sort());
    expect(backupsIn(synced)).toEqual(names.slice(2).sort());
    for (const name of names.slice(0, 2)) {
      expect(Object.keys(catalogue.get(name)?.copies ?? {})).toEqual(['primary', DRIVE]);
    }
    expect(catalogue.get(names[3] ?? '')?.copies[SYNCED]?.state).toBe('verified');
  });
});
