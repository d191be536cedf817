import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainErrorMessage } from '../../src-shared/error-catalogue';
import { NoteVaultError } from '../../src-shared/errors';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { makeNotesDatabase, PASSKEY, useWorkspace } from '../../test/main/backup/backup-test-support';
import { createBackup } from '../backup/create-backup';
import { deriveKey } from '../backup/format/kdf';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import { verifyBackup } from '../backup/verify-backup';
import { FileSealedKeyStore } from '../keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { enableDeviceKey, followBackupKeysChange, loadUnattendedKeys } from '../keystore/unattended-key';
import { inspectBackup } from '../backup/inspect-backup';
import { keyIdOf } from '../backup/format/v2/way-in-keys';
import { readBackupKeys, writeBackupKeys } from '../backup/keys/backup-keys-file';
import { parseRecoveryCode } from '../../src-shared/recovery-code';
import { RecoveryCodeService } from './recovery-code-service';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileLayerOptions } from '../fsx/retry';
import { fakeClock, scripted } from '../../test/main/fsx/test-faults';
import { BackupRunner } from './backup-runner';
import { BackupCatalogue, BACKUP_CATALOGUE_FILE } from '../settings/backup-catalogue';
import { BackupDestinations } from '../destinations/backup-destinations';
import { copyBackupInto } from '../fsx/copy-into-folder';
import type { BackupJobFn } from './backup-runner';

const ws = useWorkspace();
const HOUR = 3_600_000;

interface SetupOptions {
  settings?: Partial<Settings>;
  sealed?: boolean;
  runBackupJob?: BackupJobFn;
  externalBusy?: () => boolean;
  fileLayer?: FileLayerOptions;
}

async function setup(options: SetupOptions = {}) {
  makeNotesDatabase(ws.db, 6);
  let time = new Date('2026-05-04T09:00:00Z').getTime();
  const sealer = new InMemorySealer();
  const keyStore = new FileSealedKeyStore(join(ws.root, 'sealed-backup-key.bin'), sealer);
  // Keeps PASSKEY's public key (with libsodium's least work) beside the database and seals a device key.
  if (options.sealed ?? true) await enableDeviceKey(PASSKEY, keyStore, deriveKey, ws.dbDir, cheapKdfParams());
  const state = await BackupStateStore.open(join(ws.root, BACKUP_STATE_FILE));
  const settings: Settings = { ...defaultSettings('linux'), backupFolder: ws.backups, ...options.settings };
  const logs: string[] = [];
  const catalogue = await BackupCatalogue.open(join(ws.root, BACKUP_CATALOGUE_FILE), { now: () => time });
  const destinations = new BackupDestinations({
    settings: { get: () => settings },
    catalogue,
    copyBackupInto,
    cloudSyncOf: () => Promise.resolve(null),
    stagingFolder: join(ws.root, 'backup-staging'),
    verifiedFiles: () => state.verifiedFiles(),
    fileLayer: options.fileLayer,
    now: () => time,
    log: (message) => logs.push(message),
  });
  const service = new BackupRunner({
    // The real pipeline in this thread (the app runs the same function in a worker).
    runBackupJob:
      options.runBackupJob ?? ((request) => createBackup({ ...request, now: () => new Date(time) })),
    settings: { get: () => settings },
    state,
    keyStore,
    databasePath: ws.db,
    appVersion: '0.1.0',
    tempParent: ws.temp,
    now: () => time,
    log: (message) => logs.push(message),
    externalBusy: options.externalBusy,
    destinations,
  });
  const advance = (ms: number) => (time += ms);
  return {
    service,
    state,
    sealer,
    keyStore,
    settings,
    logs,
    advance,
    now: () => time,
    catalogue,
    destinations,
  };
}

describe('BackupRunner', () => {
  it('makes a scheduled backup with the sealed key that verifies with the passkey, and records it', async () => {
    const { service, state, now } = await setup();
    const result = await service.runScheduled();
    expect(result).toMatchObject({ ok: true, value: { noteCount: 6 } });
    const file = result.ok ? result.value.file : '';
    expect(file).toMatch(/NoteVault-2026-05-04T09-00-00Z-scheduled\.nvbak$/);
    expect(
      (await verifyBackup({ file, keySource: { passkey: PASSKEY }, tempParent: ws.temp })).noteCount,
    ).toBe(6);
    expect(state.get().lastSuccess).toMatchObject({
      kind: 'scheduled',
      ok: true,
      file,
      noteCount: 6,
      startedAt: now(),
    });
  });

  it('applies retention after each success, keeping the newest and never touching other files', async () => {
    const { service, advance } = await setup({
      settings: { retention: { keepLast: 2, thinDailyWeekly: false } },
    });
    for (let i = 0; i < 4; i++) {
      expect((await service.runScheduled()).ok).toBe(true);
      advance(HOUR);
    }
    expect(readdirSync(ws.backups).sort()).toEqual([
      'NoteVault-2026-05-04T11-00-00Z-scheduled.nvbak',
      'NoteVault-2026-05-04T12-00-00Z-scheduled.nvbak',
    ]);
  });

  it('reports an old backup it cannot delete in the log, and still counts the backup as a success', async () => {
    const old = 'NoteVault-2026-05-01T09-00-00Z-scheduled.nvbak';
    writeFileSync(join(ws.backups, old), 'old');
    const clock = fakeClock();
    const { service, logs } = await setup({
      settings: { retention: { keepLast: 1, thinDailyWeekly: false } },
      fileLayer: {
        fs: { ...nodeFileSystem, unlink: scripted(nodeFileSystem.unlink, ['EBUSY', '*'], 'unlink') },
        retry: { sleep: clock.sleep, now: clock.now },
      },
    });
    expect((await service.runScheduled()).ok).toBe(true);
    expect(readdirSync(ws.backups)).toContain(old);
    expect(logs).toEqual([
      expect.stringMatching(/^Could not delete an old backup: Could not delete ".*2026-05-01T09-00-00Z/),
    ]);
  });

  it('records a failure with a clear message when no key is sealed', async () => {
    const { service, state } = await setup({ sealed: false });
    const result = await service.runScheduled();
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: expect.stringContaining('Scheduled backups have no saved key') as unknown,
      },
    });
    expect(state.get().lastRun).toMatchObject({ kind: 'scheduled', ok: false, remedy: 'settings' });
    expect(readdirSync(ws.backups)).toEqual([]);
  });

  it("refuses a scheduled run with backup keys changed outside NoteVault, and runs after NoteVault's own recovery code", async () => {
    const { service, state, keyStore } = await setup();
    const codes = new RecoveryCodeService({
      keysFolder: ws.dbDir,
      backupFolders: () => [ws.backups],
      onKeysChanged: (before, after) => followBackupKeysChange(keyStore, before, after),
    });
    const { code } = await codes.create();
    const made = await service.runScheduled();
    expect(made.ok).toBe(true);
    const file = made.ok ? made.value.file : '';
    const parsed = parseRecoveryCode(code);
    if (!parsed.ok) throw new Error(parsed.message);
    const keySource = { recoveryCode: parsed.bytes };
    expect((await verifyBackup({ file, keySource, tempParent: ws.temp })).noteCount).toBe(6);

    // Someone who can write the data folder puts their own key in the recovery code's place.
    const kept = await readBackupKeys(ws.dbDir);
    const theirs = {
      publicKey: crypto.getRandomValues(new Uint8Array(32)),
      createdAt: new Date().toISOString(),
    };
    await writeBackupKeys(ws.dbDir, { ...kept, recoveryCode: theirs });
    const before = readdirSync(ws.backups);
    expect(await service.runScheduled()).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        message:
          'The keys for scheduled backups changed outside NoteVault: turn scheduled backups off and on again in Settings and enter your passkey.',
      },
    });
    expect(state.get().lastRun).toMatchObject({ kind: 'scheduled', ok: false, remedy: 'settings' });
    expect(readdirSync(ws.backups)).toEqual(before);
  });

  it('records a failure when the keychain is gone', async () => {
    const { service, sealer, state } = await setup();
    sealer.setAvailable({ available: false, reason: 'no keyring service is running.' });
    const result = await service.runScheduled();
    expect(result.ok).toBe(false);
    expect(state.get().lastRun?.message).toMatch(/need the system keychain .*no keyring service is running/);
    expect(state.get().lastRun?.remedy).toBe('settings');
  });

  it('records a failure when no backup folder is chosen', async () => {
    const { service, state } = await setup({ settings: { backupFolder: null } });
    expect(await service.runScheduled()).toMatchObject({
      ok: false,
      error: { message: 'Choose a backup folder in Settings first.' },
    });
    expect(state.get().lastRun).toMatchObject({ ok: false, remedy: 'settings' });
  });

  it("records a failed backup job as the catalogue's sentence with the pipeline's text as details, and notifies listeners of every run", async () => {
    const pipeline = 'Could not write "/b/.tmp-1.nvbak": the drive is full (ENOSPC).';
    const failing: BackupJobFn = () => Promise.reject(new NoteVaultError('DISK_FULL', pipeline));
    const { service, state } = await setup({ runBackupJob: failing });
    const runs: unknown[] = [];
    service.onDidFinish((run) => runs.push(run));
    const sentence = plainErrorMessage('DISK_FULL', 'backup');
    expect(await service.runScheduled()).toEqual({
      ok: false,
      error: { code: 'DISK_FULL', message: sentence, details: pipeline },
    });
    expect(state.get().lastRun).toMatchObject({ ok: false, message: sentence, details: pipeline });
    // Not fixed in one place in the app: no button is offered.
    expect(state.get().lastRun?.remedy).toBeUndefined();
    expect(runs).toEqual([state.get().lastRun]);
  });

  it('records an unexpected failure as the INTERNAL sentence, its text only in details', async () => {
    const failing: BackupJobFn = () => Promise.reject(new TypeError('worker exited with code 134'));
    const { service, state } = await setup({ runBackupJob: failing });
    expect((await service.runScheduled()).ok).toBe(false);
    expect(state.get().lastRun).toMatchObject({
      message: plainErrorMessage('INTERNAL', 'backup'),
      details: 'worker exited with code 134',
    });
  });

  it('does not record a BUSY refusal or a cancellation as a run', async () => {
    for (const code of ['BUSY', 'CANCELLED'] as const) {
      const refusing: BackupJobFn = () => Promise.reject(new NoteVaultError(code, `${code} message`));
      const { service, state } = await setup({ runBackupJob: refusing });
      expect(await service.runScheduled()).toEqual({
        ok: false,
        error: { code, message: `${code} message` },
      });
      expect(state.get().lastRun).toBeNull();
    }
  });

  it('is busy while its job runs, or while another job does', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const jobStarted = new Promise<void>((resolve) => (started = resolve));
    const slow: BackupJobFn = (request) => {
      started();
      return new Promise<void>((resolve) => (release = resolve)).then(() => createBackup(request));
    };
    let restoreRunning = false;
    const { service } = await setup({ runBackupJob: slow, externalBusy: () => restoreRunning });
    expect(service.isBusy()).toBe(false);
    const running = service.runManual(); // the sealed key: cheap KDF parameters
    await jobStarted;
    expect(service.isBusy()).toBe(true);
    release();
    await running;
    expect(service.isBusy()).toBe(false);
    restoreRunning = true;
    expect(service.isBusy()).toBe(true);
  });

  it('makes a manual backup with the typed passkey and its kept salt, refuses another, and without one uses the kept public key', async () => {
    const seen: unknown[] = [];
    const { service, state, advance } = await setup({
      runBackupJob: (request) => {
        seen.push(request.keySource);
        return createBackup(request);
      },
    });
    // The typed passkey goes to the job with the salt and costs kept for it (Argon2id runs there).
    const typed = await service.runManual({ passkey: PASSKEY });
    expect(seen[0]).toMatchObject({ passkey: PASSKEY, kdf: { opslimit: 1 } });
    expect(typed.noteCount).toBe(6);
    advance(HOUR);
    await expect(service.runManual({ passkey: 'a different passkey' })).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });
    expect(readdirSync(ws.backups)).toEqual([basename(typed.file)]);
    advance(HOUR);
    const unattended = await service.runManual();
    expect(seen[2]).toMatchObject({ kdf: { opslimit: 1 } });
    expect(seen[2]).not.toHaveProperty('passkey');
    await expect(
      verifyBackup({ file: unattended.file, keySource: { passkey: PASSKEY }, tempParent: ws.temp }),
    ).resolves.toMatchObject({ noteCount: 6 });
    // Only scheduled backups get this device's slot.
    const slots = (await inspectBackup(unattended.file)).header.slots?.map((slot) => slot.kind);
    expect(slots).toEqual(['passkey']);
    expect(state.get().lastSuccess).toMatchObject({ kind: 'manual', file: unattended.file });
  });

  it('keeps the first typed passkey for later backups once its backup is made and checked', async () => {
    const { service } = await setup({ sealed: false });
    expect((await readBackupKeys(ws.dbDir)).passkey).toBeNull();
    // Nothing kept yet: fresh salt, default costs (Argon2id with MODERATE limits: ~2 s).
    const made = await service.runManual({ passkey: PASSKEY });
    const kept = (await readBackupKeys(ws.dbDir)).passkey;
    expect(kept?.kdf.opslimit).toBe(3);
    const header = (await inspectBackup(made.file)).header;
    expect(header.slots?.[0]?.keyId).toBe(
      Buffer.from(await keyIdOf(kept?.publicKey ?? new Uint8Array(32))).toString('hex'),
    );
  }, 30_000);

  it('gives a scheduled backup a slot for this device, whose key opens it without the passkey', async () => {
    const { service, keyStore } = await setup();
    const result = await service.runScheduled();
    const file = result.ok ? result.value.file : '';
    const slots = (await inspectBackup(file)).header.slots?.map((slot) => slot.kind);
    expect(slots).toEqual(['passkey', 'device']);
    const keys = await loadUnattendedKeys(keyStore, ws.dbDir);
    const deviceKey = keys?.deviceSecretKey ?? new Uint8Array(32);
    await expect(
      verifyBackup({ file, keySource: { deviceKey }, tempParent: ws.temp }),
    ).resolves.toMatchObject({
      noteCount: 6,
    });
  });

  it('reports what a manual backup made, and records nothing when it is cancelled', async () => {
    const { service, state } = await setup({
      runBackupJob: (request, onProgress, signal) => createBackup(request, { onProgress, signal }),
    });
    const made = await service.runManual();
    expect(made).toEqual({
      file: state.get().lastSuccess?.file,
      noteCount: 6,
      size: statSync(made.file).size,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    const before = state.get();
    const abort = new AbortController();
    abort.abort();
    await expect(service.runManual(undefined, { signal: abort.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(state.get()).toEqual(before);
    expect(readdirSync(ws.backups)).toEqual([basename(made.file)]);
  });

  it('a manual backup without passkey or sealed key asks for the passkey', async () => {
    const { service } = await setup({ sealed: false });
    await expect(service.runManual()).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Enter your passkey to make a backup.',
    });
  });

  it('rejects a failed manual backup with its error, after recording it', async () => {
    const failing: BackupJobFn = () => Promise.reject(new NoteVaultError('IO', 'The folder is gone.'));
    const { service, state } = await setup({ runBackupJob: failing });
    await expect(service.runManual({ passkey: PASSKEY })).rejects.toMatchObject({
      code: 'IO',
      message: 'The folder is gone.',
    });
    expect(state.get().lastRun).toMatchObject({ kind: 'manual', ok: false });
  });

  it('rejects a failed manual backup with the details it recorded, so the dialog can show them', async () => {
    const pipeline = 'Could not write "/b/.tmp-1.nvbak": the drive is full (ENOSPC).';
    const failing: BackupJobFn = () => Promise.reject(new NoteVaultError('DISK_FULL', pipeline));
    const { service } = await setup({ runBackupJob: failing });
    await expect(service.runManual({ passkey: PASSKEY })).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: plainErrorMessage('DISK_FULL', 'backup'),
      details: pipeline,
    });
  });
});
