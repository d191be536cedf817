import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveKey } from '../backup/format/kdf';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { TestClock } from '../../test/main/schedule/test-clock';
import { createAppServices } from './app-services';
import type { AppServices } from './app-services';
import { resolveBackupFile } from './backup-folder';

// The real composition root, the real job worker, SQLite and libsodium; the clock, the test
// keychain and the folder dialog are the seams.
const PASSKEY = 'quiet harbour under pale stars';
let worker: BuiltWorker;
let root: string;
let services: AppServices;
let clock: TestClock;
let events: string[];
let notifications: string[];

beforeAll(async () => {
  worker = await buildJobWorker();
});
afterAll(() => worker.remove());

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'notevault-schedule-'));
  await mkdir(join(root, 'backups'));
  await mkdir(join(root, 'tmp'));
  clock = new TestClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  events = [];
  notifications = [];
  services = await createAppServices(join(root, 'userData'), {
    dialogs: {
      chooseFolder: () => Promise.resolve(join(root, 'backups')),
      chooseBackupFile: () => Promise.resolve(null),
      chooseSaveFile: () => Promise.resolve(null),
      // Nothing here deletes; a question would be a bug, and it is answered no.
      confirm: () => Promise.resolve(false),
      showInFolder: () => undefined,
    },
    events: (event) => void events.push(event),
    workerPath: worker.workerPath,
    appVersion: '0.0.0-test',
    platform: 'linux',
    tempParent: join(root, 'tmp'),
    schedule: {
      clock,
      keyStore: new FileSealedKeyStore(join(root, 'userData', 'sealed-backup-key.bin'), new InMemorySealer()),
      deriveKey,
      notify: (title) => void notifications.push(title),
    },
  });
  services.schedule.start();
});

afterEach(async () => {
  await services.dispose();
  await rm(root, { recursive: true, force: true });
});

describe('ScheduleService with the settings and the backups list', () => {
  it('turns a schedule on only with a folder and a passkey, then backs up when the clock says so', async () => {
    const { schedule, settings, backups, history } = services;
    await expect(schedule.enable('daily', PASSKEY)).rejects.toThrow(/Choose a backup folder/);
    await expect(settings.update({ schedule: 'daily' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await settings.chooseBackupFolder();
    services.holder.repository().create({ title: 'Alpha', body: 'first' });

    const status = await schedule.enable('daily', PASSKEY);
    expect(status.schedule).toBe('daily');
    expect(await services.schedule.keychainStatus()).toMatchObject({ available: true });
    expect(status.nextRunAt).toBe(clock.now() + 30_000); // the start-up grace

    await clock.advance(31_000);
    // The run ends in the worker, in real time: wait for its announcement.
    await expect.poll(() => events.includes('schedule:didRun'), { timeout: 20_000 }).toBe(true);
    const [entry] = (await backups.list()).backups;
    expect(entry).toMatchObject({ kind: 'scheduled', verification: 'verified', noteCount: 1 });
    expect(schedule.status().nextRunAt).toBe(history.lastSuccessAt()! + 24 * 3600_000);

    // Checked again with the sealed key: no passkey needed while the schedule is on.
    expect(await backups.verify(entry!.name)).toMatchObject({
      verification: 'verified',
      noteCount: 1,
    });

    await schedule.disable();
    expect(settings.get().schedule).toBe('off');
    await expect(backups.verify(entry!.name)).rejects.toThrow(
      /Enter your passkey or recovery code to check this backup/,
    );
    expect(notifications).toEqual([]); // a success is notified only when asked for
  }, 60_000);
});

describe('BrowseSessions', () => {
  it('browses a backup read only, brings notes back as new or over the current version, and wipes the copy', async () => {
    const { settings, backups, browse, runner, holder } = services;
    await settings.chooseBackupFolder();
    const kept = holder.repository().create({ title: 'Kept', body: 'original text' });
    const lost = holder.repository().create({ title: 'Lost', body: 'only in the backup' });
    await runner.runManual({ passkey: PASSKEY });
    holder.repository().update(kept.id, { body: 'edited since' });
    holder.repository().trash(lost.id);
    holder.repository().purge(lost.id);
    const [entry] = (await backups.list()).backups;

    await expect(browse.open(entry!.name, 'wrong passkey')).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    const session = await browse.open(entry!.name, PASSKEY);
    expect(session.noteCount).toBe(2);
    const inBackup = browse.notes(session.sessionId);
    expect(inBackup.search('backup').map((hit) => hit.title)).toEqual(['Lost']);
    expect(() => inBackup.create({ title: 'x', body: 'y' })).toThrow();

    expect(browse.bringBack(session.sessionId, [lost.id], 'replace')).toMatchObject({
      created: 1,
      replaced: 0,
    });
    expect(browse.bringBack(session.sessionId, [kept.id], 'replace')).toEqual({
      ids: [kept.id],
      created: 0,
      replaced: 1,
    });
    expect(holder.repository().get(kept.id).body).toBe('original text');
    // The text the bring-back replaced was kept in the note's history first.
    const [before] = holder.versions().list(kept.id).items;
    expect(before).toMatchObject({ reason: 'before-bring-back' });
    expect(holder.versions().get(kept.id, before!.seq).body).toBe('edited since');
    expect(
      holder
        .repository()
        .list()
        .items.map((n) => n.title)
        .sort(),
    ).toEqual(['Kept', 'Lost']);
    expect(await readdir(join(root, 'tmp'))).toHaveLength(1);

    await browse.close(session.sessionId);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(() => browse.notes(session.sessionId)).toThrow(/no longer open/);
  }, 60_000);
});

describe('resolveBackupFile', () => {
  it('accepts only regular backup files directly inside the folder', async () => {
    const folder = join(root, 'backups');
    await writeFile(join(folder, 'a.nvbak'), 'x');
    await mkdir(join(folder, 'dir.nvbak'));
    await writeFile(join(root, 'outside.nvbak'), 'x');
    expect(await resolveBackupFile(folder, 'a.nvbak')).toBe(join(folder, 'a.nvbak'));
    await expect(resolveBackupFile(folder, '../outside.nvbak')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(resolveBackupFile(folder, 'notes.txt')).rejects.toThrow(/is not a NoteVault backup name/);
    await expect(resolveBackupFile(folder, 'dir.nvbak')).rejects.toThrow(/is not a regular file/);
    await expect(resolveBackupFile(folder, 'gone.nvbak')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
