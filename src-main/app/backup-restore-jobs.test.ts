/**
 * The backup and restore jobs wired by the app's own composition root (createAppServices), with
 * the real job worker (bundled by worker-test-support), a real settings file, backup history and
 * notes database in a temp folder. Only the native dialogs are replaced: they would wait for a person.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import type { IpcEvent } from '../../src-shared/ipc/contract';
import {
  DEFAULT_MEMLIMIT,
  DEFAULT_OPSLIMIT,
  MEMLIMIT_CAP,
  OPSLIMIT_CAP,
} from '../backup/format/format-constants';
import { encodeHeader, inspectAnyHeader } from '../backup/format/header';
import { passkeyKdfOf } from '../backup/format/opening-cost';
import { createBackup } from '../backup/create-backup';
import { readBackupKeys } from '../backup/keys/backup-keys-file';
import { verifyBackup } from '../backup/verify-backup';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { deriveKey } from '../backup/format/kdf';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { TestClock } from '../../test/main/schedule/test-clock';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import { createAppServices } from './app-services';
import type { AppServices } from './app-services';

const PASSKEY = 'violet-harbour-lantern-42';
/** Someone else's passkey, shared with their backup. */
const SHARED = 'the passkey someone shared';

let built: BuiltWorker;
beforeAll(async () => {
  built = await buildJobWorker();
}, 60_000);
afterAll(() => built.remove());

let root: string;
let backupFolder: string;
let services: AppServices;
let events: { event: IpcEvent; payload: unknown }[];
let dialogs: {
  folder: string | null;
  file: string | null;
  shown: string[];
  /** What the person answers in main's confirmation, and what they were asked. */
  confirm: boolean;
  asked: string[];
};
let keyStore: FileSealedKeyStore;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'nv-backup-jobs-'));
  backupFolder = join(root, 'backups');
  mkdirSync(backupFolder);
  mkdirSync(join(root, 'tmp'));
  events = [];
  dialogs = { folder: backupFolder, file: null, shown: [], confirm: true, asked: [] };
  keyStore = new FileSealedKeyStore(join(root, 'userData', 'sealed-backup-key.bin'), new InMemorySealer());
  services = await createAppServices(join(root, 'userData'), {
    dialogs: {
      chooseFolder: () => Promise.resolve(dialogs.folder),
      chooseBackupFile: () => Promise.resolve(dialogs.file),
      chooseSaveFile: () => Promise.resolve(null),
      confirm: (question) => {
        dialogs.asked.push(question.message);
        return Promise.resolve(dialogs.confirm);
      },
      showInFolder: (path) => void dialogs.shown.push(path),
    },
    events: (event, payload) => void events.push({ event, payload }),
    workerPath: built.workerPath,
    appVersion: '9.8.7',
    platform: process.platform,
    tempParent: join(root, 'tmp'),
    // A keychain, so scheduled backups can be turned on; the clock never moves, so none runs.
    schedule: {
      clock: new TestClock(Date.UTC(2026, 2, 1, 9, 0, 0)),
      keyStore,
      deriveKey,
      notify: () => undefined,
    },
  });
});

afterEach(async () => {
  await services.dispose();
  rmSync(root, { recursive: true, force: true });
});

const titles = () =>
  services.holder
    .repository()
    .list()
    .items.map((n) => n.title)
    .sort();

/** A backup of the current notes made outside this app (no keys kept here), with libsodium's least work. */
async function sharedBackup(passkey = SHARED): Promise<string> {
  const kdf = cheapKdfParams();
  const made = await createBackup({
    databasePath: services.holder.databasePath,
    destination: backupFolder,
    keySource: { key: await deriveKey(passkey, kdf), kdf },
    kind: 'manual',
    appVersion: '0.0.1',
    tempParent: join(root, 'tmp'),
  });
  return made.file;
}

async function backUp(): Promise<string> {
  await services.settings.chooseBackupFolder();
  const made = await services.backup.createBackup({ passkey: PASSKEY });
  return join(made.folder, made.fileName);
}

async function failure(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe('BackupRestoreJobs', () => {
  it('backs up to the remembered folder, previews, and restores with a safety backup', async () => {
    const notes = services.holder.repository();
    const keep = notes.create({ title: 'Keep', body: 'in the backup' });
    const alsoKept = notes.create({ title: 'Also kept', body: '' });
    expect(services.backup.folderState()).toEqual({ folder: null, busy: false });

    const file = await backUp();
    expect(services.backup.folderState().folder).toBe(backupFolder);
    expect(services.settings.get().backupFolder).toBe(backupFolder);
    const progress = events.filter((e) => e.event === 'backup:didProgress').map((e) => e.payload);
    expect(progress).toContainEqual(expect.objectContaining({ phase: 'encrypting' }));
    expect(readdirSync(backupFolder)).toEqual([file.slice(backupFolder.length + 1)]);

    notes.trash(keep.id);
    notes.purge(keep.id);
    notes.create({ title: 'Written later', body: '' });
    // An edit since the backup, which the restore replaces and keeps in the note's history.
    notes.update(alsoKept.id, { body: 'edited since' });
    dialogs.file = file;
    const chosen = await services.backup.chooseRestoreFile();
    expect(chosen).toMatchObject({ folder: backupFolder });
    const token = chosen?.token ?? '';

    const preview = await services.backup.previewRestore({ token, passkey: PASSKEY });
    expect(preview).toMatchObject({ noteCount: 2, appVersion: '9.8.7', kind: 'manual', unchanged: 0 });
    expect(preview.comeBack.notes.map((n) => n.title)).toEqual(['Keep']);
    expect(preview.disappear.notes.map((n) => n.title)).toEqual(['Written later']);

    events = [];
    const done = await services.backup.restore({
      restoreToken: preview.restoreToken,
      passkey: PASSKEY,
      safetySamePasskey: true,
    });
    expect(done.restoredNotes).toBe(2);
    expect(done.keptInHistory).toBe(1);
    expect(done.safetyFolder).toBe(backupFolder);
    expect(done.safetyBackup).toMatch(/-before-restore\.nvbak$/);
    expect(existsSync(join(backupFolder, done.safetyBackup ?? ''))).toBe(true);
    expect(services.holder.isOpen()).toBe(true);
    expect(titles()).toEqual(['Also kept', 'Keep']);
    expect(events.map((e) => e.event).filter((e) => /^(restore|notes):did(?!Progress)/.test(e))).toEqual([
      'restore:didReplaceDatabase',
      'notes:didChange',
    ]);
  }, 60_000);

  it("protects the current notes for the passkey backups use (its kept public key), never a shared file's, unasked", async () => {
    const notes = services.holder.repository();
    notes.create({ title: 'Mine', body: 'current' });
    // The first backup with a passkey keeps its public key and salt beside the database.
    await backUp();
    const kept = await readBackupKeys(join(root, 'userData'));
    expect(kept.passkey).not.toBeNull();
    // Someone else's backup, shared with its passkey (and made with the least Argon2id work).
    dialogs.file = await sharedBackup();
    notes.create({ title: 'Also mine', body: 'current' });
    const token = (await services.backup.chooseRestoreFile())?.token ?? '';
    const preview = await services.backup.previewRestore({ token, passkey: SHARED });
    expect(preview.safetyKeyIsKept).toBe(true);
    expect(preview.cheaperKeyThanDefault).toBe(true);

    const done = await services.backup.restore({ restoreToken: preview.restoreToken, passkey: SHARED });
    const safety = join(backupFolder, done.safetyBackup ?? '');
    const header = await inspectAnyHeader(safety);
    expect(header.formatVersion).toBe(2);
    expect(passkeyKdfOf(header)?.salt).toEqual(kept.passkey?.kdf.salt);
    await expect(
      verifyBackup({ file: safety, keySource: { passkey: SHARED }, tempParent: join(root, 'tmp') }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSKEY' });
    const mine = await verifyBackup({
      file: safety,
      keySource: { passkey: PASSKEY },
      tempParent: join(root, 'tmp'),
    });
    expect(mine.noteCount).toBe(2);
  }, 60_000);

  it("with no passkey kept yet, asks for the person's own passkey and never uses the file's unasked", async () => {
    const notes = services.holder.repository();
    notes.create({ title: 'Mine', body: 'current' });
    await services.settings.chooseBackupFolder();
    // Made elsewhere (another installation): nothing is kept beside this database.
    dialogs.file = await sharedBackup(PASSKEY);
    notes.create({ title: 'Also mine', body: 'current' });
    const token = (await services.backup.chooseRestoreFile())?.token ?? '';
    const first = await services.backup.previewRestore({ token, passkey: PASSKEY });
    expect(first.safetyKeyIsKept).toBe(false);
    const refused = await failure(
      services.backup.restore({ restoreToken: first.restoreToken, passkey: PASSKEY }),
    );
    expect(refused).toMatchObject({ code: 'VALIDATION' });
    expect(refused.message).toMatch(/needs your passkey to protect a copy of your current notes/);
    expect(titles()).toEqual(['Also mine', 'Mine']);
    expect(readdirSync(backupFolder)).toHaveLength(1);

    const again = await services.backup.previewRestore({ token, passkey: PASSKEY });
    const own = 'amber-quarry-whistle-77';
    const done = await services.backup.restore({
      restoreToken: again.restoreToken,
      passkey: PASSKEY,
      safetyPasskey: own,
    });
    const safety = join(backupFolder, done.safetyBackup ?? '');
    const kdf = passkeyKdfOf(await inspectAnyHeader(safety));
    expect(kdf).toMatchObject({ opslimit: DEFAULT_OPSLIMIT, memlimit: DEFAULT_MEMLIMIT });
    await expect(
      verifyBackup({ file: safety, keySource: { passkey: PASSKEY }, tempParent: join(root, 'tmp') }),
    ).rejects.toMatchObject({ code: 'WRONG_PASSKEY' });
    await verifyBackup({ file: safety, keySource: { passkey: own }, tempParent: join(root, 'tmp') });
    expect(titles()).toEqual(['Mine']);
  }, 60_000);

  it('refuses a wrong passkey with a clear message and leaves the notes and the database open', async () => {
    services.holder.repository().create({ title: 'Original', body: '' });
    dialogs.file = await backUp();
    services.holder.repository().create({ title: 'Newer', body: '' });
    const token = (await services.backup.chooseRestoreFile())?.token ?? '';
    const { restoreToken } = await services.backup.previewRestore({ token, passkey: PASSKEY });
    const error = await failure(services.backup.restore({ restoreToken, passkey: 'wrong passkey' }));
    expect(error.code).toBe('WRONG_PASSKEY');
    // One sentence for people; the pipeline's text, with the file and offset, is the details.
    expect(error.message).toBe(
      'That passkey does not open this backup: check it (capital letters count) and try again. Your current notes were not changed.',
    );
    expect(error.details).toMatch(/key id of the passkey slot at byte offset 40 differs/);
    expect(services.holder.isOpen()).toBe(true);
    expect(titles()).toEqual(['Newer', 'Original']);
    expect(readdirSync(backupFolder)).toHaveLength(1);
  }, 60_000);

  it("replaces the notes only when the person says yes in main's own confirmation", async () => {
    services.holder.repository().create({ title: 'Backed up', body: '' });
    dialogs.file = await backUp();
    services.holder.repository().create({ title: 'Current', body: '' });
    const token = (await services.backup.chooseRestoreFile())?.token ?? '';
    const { restoreToken } = await services.backup.previewRestore({ token, passkey: PASSKEY });
    const request = { restoreToken, passkey: PASSKEY, safetySamePasskey: true };

    // A script holding a preview's token still cannot restore: Cancel changes nothing.
    dialogs.confirm = false;
    const cancelled = await failure(services.backup.restore(request));
    expect(cancelled).toMatchObject({ code: 'CANCELLED' });
    expect(cancelled.message).toMatch(/Your current notes were not changed/);
    expect(dialogs.asked).toEqual(['Replace your notes with this backup?']);
    expect(titles()).toEqual(['Backed up', 'Current']);
    expect(readdirSync(backupFolder)).toHaveLength(1);

    // The token was not spent by Cancel: saying yes restores.
    dialogs.confirm = true;
    await services.backup.restore(request);
    expect(titles()).toEqual(['Backed up']);
  }, 60_000);

  it('restores only with the one-time token of a preview of the same bytes', async () => {
    services.holder.repository().create({ title: 'Backed up', body: '' });
    dialogs.file = await backUp();
    services.holder.repository().create({ title: 'Current', body: '' });
    const token = (await services.backup.chooseRestoreFile())?.token ?? '';
    // Before the fix, the file token alone replaced the notes with no preview.
    const unseen = await failure(services.backup.restore({ restoreToken: token, passkey: PASSKEY }));
    expect(unseen.message).toMatch(/^Preview the backup again before restoring it/);
    expect(titles()).toEqual(['Backed up', 'Current']);

    // Swapped for another backup (same passkey, valid file) after the preview: refused.
    const { restoreToken } = await services.backup.previewRestore({ token, passkey: PASSKEY });
    const original = readFileSync(dialogs.file);
    services.holder.repository().create({ title: 'Planted', body: '' });
    const other = await backUp();
    copyFileSync(other, dialogs.file);
    const swapped = await failure(
      services.backup.restore({ restoreToken, passkey: PASSKEY, safetySamePasskey: true }),
    );
    expect(swapped.message).toMatch(/changed after its preview/);
    expect(titles()).toEqual(['Backed up', 'Current', 'Planted']);

    // Spent even when refused; a fresh preview of the original bytes restores once, and only once.
    writeFileSync(dialogs.file, original);
    const spent = await failure(
      services.backup.restore({ restoreToken, passkey: PASSKEY, safetySamePasskey: true }),
    );
    expect(spent.message).toMatch(/needs a fresh preview/);
    const fresh = await services.backup.previewRestore({ token, passkey: PASSKEY });
    await services.backup.restore({
      restoreToken: fresh.restoreToken,
      passkey: PASSKEY,
      safetySamePasskey: true,
    });
    expect(titles()).toEqual(['Backed up']);
    const again = await failure(
      services.backup.restore({ restoreToken: fresh.restoreToken, passkey: PASSKEY }),
    );
    expect(again.message).toMatch(/needs a fresh preview/);
  }, 60_000);

  it('cancels a running backup, leaves no file, and refuses a second job meanwhile', async () => {
    services.holder.repository().create({ title: 'Note', body: 'text' });
    await services.settings.chooseBackupFolder();
    const running = services.backup.createBackup({ passkey: PASSKEY });
    expect(services.backup.isBusy()).toBe(true);
    const busy = await failure(services.backup.createBackup({ passkey: PASSKEY }));
    expect(busy.code).toBe('BUSY');
    expect(services.backup.cancel()).toBe(true);
    const cancelled = await failure(running);
    expect(cancelled.code).toBe('CANCELLED');
    expect(readdirSync(backupFolder)).toEqual([]);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    expect(services.backup.isBusy()).toBe(false);
    expect(services.backup.cancel()).toBe(false);
    // A cancelled backup is not a run: the history stays empty and nothing is announced.
    expect(services.history.get().lastRun).toBeNull();
    expect(events.map((e) => e.event)).not.toContain('schedule:didRun');
  }, 60_000);

  it('records a manual backup for the schedule: the last success, verified in the backups view, announced', async () => {
    services.holder.repository().create({ title: 'One', body: 'first' });
    services.holder.repository().create({ title: 'Two', body: 'second' });
    expect(services.history.lastSuccessAt()).toBeNull();
    const file = await backUp();

    const { lastSuccess, lastRun } = services.history.get();
    expect(lastSuccess).toMatchObject({ kind: 'manual', ok: true, file, noteCount: 2 });
    expect(lastRun).toEqual(lastSuccess);
    expect(services.history.lastSuccessAt()).toBe(lastSuccess?.startedAt);
    expect(services.schedule.status().status.lastSuccess?.file).toBe(file);
    const [entry, ...others] = (await services.backups.list()).backups;
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ kind: 'manual', verification: 'verified', noteCount: 2 });
    expect(join(backupFolder, entry?.name ?? '')).toBe(file);
    const didRun = events.filter((e) => e.event === 'schedule:didRun').map((e) => e.payload);
    expect(didRun).toEqual([lastSuccess]);
  }, 60_000);

  it('records a failed manual backup as the last run, with the reason', async () => {
    services.holder.repository().create({ title: 'Note', body: 'text' });
    await services.settings.chooseBackupFolder();
    rmSync(backupFolder, { recursive: true });
    const error = await failure(services.backup.createBackup({ passkey: PASSKEY }));
    const { lastRun, lastSuccess } = services.history.get();
    expect(lastSuccess).toBeNull();
    expect(lastRun).toMatchObject({ kind: 'manual', ok: false, file: null });
    expect(error.message).toContain(lastRun?.message ?? 'no message recorded');
  }, 60_000);

  it('names files only through the main process: tokens, and names inside the backup folder', async () => {
    await services.settings.chooseBackupFolder();
    const stale = await failure(services.backup.previewRestore({ token: 'made-up', passkey: PASSKEY }));
    expect(stale.message).toContain('Choose the file again');
    const outside = await failure(services.backups.showInFolder('../notevault.db'));
    expect(outside.code).toBe('VALIDATION');
    const missing = await failure(services.backups.showInFolder('NoteVault-2026-01-01T00-00-00Z.nvbak'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(dialogs.shown).toEqual([]);

    dialogs.folder = null;
    expect(await services.settings.chooseBackupFolder()).toBeNull();
    expect(services.backup.folderState().folder).toBe(backupFolder);
  });

  it('restores a backup chosen by name from the backup folder, and refuses names that are not one there', async () => {
    const choose = (name: string) => services.backup.chooseFromBackupFolder({ name });
    const noFolder = await failure(choose('NoteVault-2026-01-01T00-00-00Z.nvbak'));
    expect(noFolder).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('Choose a backup folder') as string,
    });

    services.holder.repository().create({ title: 'Backed up', body: '' });
    const file = await backUp();
    services.holder.repository().create({ title: 'Written later', body: '' });
    const name = file.slice(backupFolder.length + 1);
    const chosen = await choose(name);
    expect(chosen).toMatchObject({ fileName: name, folder: backupFolder });
    expect(chosen.size).toBeGreaterThan(0);
    const preview = await services.backup.previewRestore({ token: chosen.token, passkey: PASSKEY });
    expect(preview.disappear.notes.map((n) => n.title)).toEqual(['Written later']);

    mkdirSync(join(backupFolder, 'folder.nvbak'));
    for (const [bad, code] of [
      ['../userData/notevault.db', 'VALIDATION'],
      [`../backups/${name}`, 'VALIDATION'],
      ['notevault.db', 'VALIDATION'],
      ['folder.nvbak', 'VALIDATION'],
      ['gone.nvbak', 'NOT_FOUND'],
    ] as const) {
      expect((await failure(choose(bad))).code, bad).toBe(code);
    }
    // A refused name does not replace the file chosen before.
    await expect(
      services.backup.previewRestore({ token: chosen.token, passkey: PASSKEY }),
    ).resolves.toBeDefined();
  }, 60_000);

  it('says, when a backup is chosen and before anything is derived, what opening a costly one takes', async () => {
    // Only the cleartext header matters here: nothing is decrypted when a file is chosen.
    const withHeader = (name: string, opslimit: number, memlimit: number): string => {
      const path = join(root, name);
      const header = encodeHeader(
        { algorithm: 2, opslimit, memlimit, salt: new Uint8Array(16) },
        new Uint8Array(24),
      );
      writeFileSync(path, Buffer.concat([header, Buffer.alloc(200)]));
      return path;
    };
    dialogs.file = withHeader('costly.nvbak', OPSLIMIT_CAP, MEMLIMIT_CAP);
    expect(await services.backup.chooseRestoreFile()).toMatchObject({
      fileName: 'costly.nvbak',
      openingCost: { seconds: 19, memoryMiB: 1024 },
    });
    dialogs.file = withHeader('usual.nvbak', DEFAULT_OPSLIMIT, DEFAULT_MEMLIMIT);
    expect((await services.backup.chooseRestoreFile())?.openingCost).toBeNull();
    // Not a backup: choosing still works, and the preview says what is wrong.
    dialogs.file = join(root, 'notes.txt');
    writeFileSync(dialogs.file, 'just text');
    const text = await services.backup.chooseRestoreFile();
    expect(text?.openingCost).toBeNull();
    const refused = await failure(
      services.backup.previewRestore({ token: text?.token ?? '', passkey: PASSKEY }),
    );
    expect(refused.code).toBe('NOT_A_BACKUP');
  });

  it('asks for a folder before the first backup', async () => {
    const error = await failure(services.backup.createBackup({ passkey: PASSKEY }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('folder') as string });
  });
});
