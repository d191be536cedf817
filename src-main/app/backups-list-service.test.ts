import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { backupFileName } from '../backup/backup-names';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../settings/backup-catalogue';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import { tempFolders } from '../../test/main/fsx/test-faults';
import {
  PASSKEY,
  cheapKey,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { createBackup } from '../backup/create-backup';
import { retentionVerification } from '../schedule/retention-verification';
import { JobGate } from './job-gate';
import { BackupsListService } from './backups-list-service';
import type { BackupsListServiceDeps } from './backups-list-service';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const EXTRA = 'd0123abcd';

async function setUp() {
  const backupFolder = await folders.make();
  const userData = await folders.make();
  const settings: Settings = {
    ...defaultSettings('linux'),
    backupFolder,
    extraDestinations: [
      { id: EXTRA, folder: '/media/usb/NoteVault', retention: { keepLast: 3, thinDailyWeekly: false } },
    ],
  };
  const catalogue = await BackupCatalogue.open(join(userData, BACKUP_CATALOGUE_FILE));
  const state = await BackupStateStore.open(join(userData, BACKUP_STATE_FILE));
  const names = [1, 2, 3].map((day) => backupFileName(new Date(Date.UTC(2026, 11, day, 9)), 'scheduled'));
  for (const name of names) await writeFile(join(backupFolder, name), 'ciphertext');
  // list() reads the folder, the backup history and the catalogue; it never runs a job or asks.
  const unused = {} as never;
  const deps: BackupsListServiceDeps = {
    settings: { get: () => settings },
    state,
    keyStore: unused,
    keysFolder: userData,
    jobs: unused,
    dialogs: unused,
    catalogue,
  };
  return { catalogue, names, service: new BackupsListService(deps) };
}

const written = (name: string, day: number) => ({
  name,
  kind: 'scheduled' as const,
  createdAt: new Date(Date.UTC(2026, 11, day, 9)).toISOString(),
  size: 10,
  fileSha256: 'a'.repeat(64),
  noteCount: 3104,
  openWithDevice: true,
});

describe('BackupsListService.list with the backup catalogue', () => {
  it("gives each backup its last restore drill and its copies' state in the other destinations", async () => {
    const { catalogue, names, service } = await setUp();
    const [first, second, third] = names as [string, string, string];
    await catalogue.recordWritten(written(first, 1), 'primary');
    await catalogue.recordDrill(first, 'primary', { at: 5000, ok: true, noteCount: 3104, message: null });
    await catalogue.recordCopy(first, EXTRA, { state: 'verified', at: 4000 });
    await catalogue.recordWritten(written(second, 2), 'primary');
    await catalogue.recordDrill(second, 'primary', {
      at: 6000,
      ok: false,
      noteCount: null,
      message: `The backup "${second}" is shorter than when it was made; make a new backup now.`,
      details: 'expected 10 bytes, found 4',
    });
    await catalogue.recordCopy(second, EXTRA, {
      state: 'missing',
      at: 6500,
      message: 'The drive is not connected.',
    });

    const byName = new Map((await service.list()).backups.map((entry) => [entry.name, entry]));
    expect(byName.get(first)).toMatchObject({
      lastDrill: { at: 5000, ok: true, noteCount: 3104, message: null },
      copies: [{ destinationId: EXTRA, folder: '/media/usb/NoteVault', state: 'verified', at: 4000 }],
    });
    expect(byName.get(second)).toMatchObject({
      // Its last restore test failed: no longer "verified", and the row says why.
      verification: 'failed',
      problem: `The backup "${second}" is shorter than when it was made; make a new backup now.`,
      lastDrill: { ok: false, noteCount: null, details: 'expected 10 bytes, found 4' },
      copies: [{ destinationId: EXTRA, state: 'missing', message: 'The drive is not connected.' }],
    });
    // Not in the catalogue (made before it existed, or elsewhere): never drilled, no copies known.
    expect(byName.get(third)).toMatchObject({ lastDrill: null, copies: [] });
  });

  it('keeps the fields it had: name, size, kind and verification come from the folder and the history', async () => {
    const { names, service } = await setUp();
    const entry = (await service.list()).backups.find((backup) => backup.name === names[0]);
    expect(entry).toMatchObject({
      name: names[0],
      sizeBytes: 10,
      kind: 'scheduled',
      verification: 'unverified',
    });
  });
});

describe('BackupsListService: one rule with retention', () => {
  it("reads a backup as retention does: a copy there recorded as failed is 'failed', with its sentence", async () => {
    const { catalogue, names, service } = await setUp();
    const [first] = names as [string];
    await catalogue.recordWritten(written(first, 1), 'primary');
    await catalogue.recordCopy(first, 'primary', {
      state: 'failed',
      at: 7000,
      message: `The copy of "${first}" in the backup folder differs from the backup written.`,
    });
    const entry = (await service.list()).backups.find((backup) => backup.name === first);
    const rule = retentionVerification('primary', { catalogue: catalogue.entries() });
    expect(rule.failedDrill.has(first)).toBe(true);
    expect(entry).toMatchObject({
      verification: 'failed',
      problem: `The copy of "${first}" in the backup folder differs from the backup written.`,
    });
  });
});

describe('BackupsListService with a real backup and the job worker', () => {
  const ws = useWorkspace();
  let worker: BuiltWorker;
  beforeAll(async () => {
    worker = await buildJobWorker();
  });
  afterAll(() => worker.remove());

  async function realBackup(confirm: boolean) {
    makeNotesDatabase(ws.db, 3);
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: await cheapKey(),
      kind: 'manual',
      appVersion: '0.1.0',
      tempParent: ws.temp,
    });
    const name = basename(made.file);
    const catalogue = await BackupCatalogue.open(join(ws.root, BACKUP_CATALOGUE_FILE));
    const state = await BackupStateStore.open(join(ws.root, BACKUP_STATE_FILE));
    await catalogue.recordWritten(
      {
        name,
        kind: 'manual',
        createdAt: made.metadata.createdAt,
        size: made.size,
        fileSha256: made.fileSha256,
        noteCount: made.metadata.noteCount,
        openWithDevice: false,
      },
      'primary',
    );
    const service = new BackupsListService({
      settings: { get: () => ({ ...defaultSettings('linux'), backupFolder: ws.backups }) },
      state,
      keyStore: {} as never,
      keysFolder: ws.root,
      jobs: new JobGate(worker.workerPath),
      dialogs: { confirm: () => Promise.resolve(confirm), showInFolder: () => undefined },
      tempParent: ws.temp,
      catalogue,
    });
    return { name, catalogue, service };
  }

  it('a check that passes in this session does not clear a failed restore test, as retention does not', async () => {
    const { name, catalogue, service } = await realBackup(false);
    try {
      await catalogue.recordDrill(name, 'primary', {
        at: 9000,
        ok: false,
        noteCount: null,
        message: `The backup "${name}" opens, but 1 of its 3 notes differs from when it was made: make a new backup now.`,
      });
      const checked = await service.verify(name, PASSKEY);
      expect(checked).toMatchObject({ verification: 'failed', noteCount: 3 });
      expect(checked.problem).toContain('differs from when it was made');
      expect(retentionVerification('primary', { catalogue: catalogue.entries() }).verified.has(name)).toBe(
        false,
      );
    } finally {
      await catalogue.flush();
    }
  }, 60_000);

  it('deleting a backup forgets its record in the backup folder, so no drill looks for it', async () => {
    const { name, catalogue, service } = await realBackup(true);
    try {
      await service.delete(name);
      expect(existsSync(join(ws.backups, name))).toBe(false);
      expect(catalogue.get(name)).toBeUndefined();
    } finally {
      await catalogue.flush();
    }
  });
});
