import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { backupFileName } from '../backup/backup-names';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../settings/backup-catalogue';
import { BACKUP_STATE_FILE, BackupStateStore } from '../settings/backup-state-store';
import { tempFolders } from '../../test/main/fsx/test-faults';
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
