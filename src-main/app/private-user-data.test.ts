import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { ownerRecordPath } from '../db/database-owner';
import { NotesRepository } from '../db/notes-repository';
import { BACKUP_STATE_FILE } from '../settings/backup-state-store';
import { SETTINGS_FILE } from '../settings/settings-file';
import { createAppServices, DATABASE_FILE } from './app-services';
import type { AppSeams, AppServices } from './app-services';
import { quietAppSeams } from '../../test/main/app/quiet-app-seams';

// Issue #13: on Linux and macOS everything the app keeps in its user-data folder is readable by
// its user alone, for a new install and for one an older version left 0755/0644. Real files.
let root: string;
let userData: string;
let services: AppServices | undefined;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'nv-private-user-data-'));
  userData = join(root, 'userData');
  services = undefined;
});

afterEach(async () => {
  await services?.dispose();
  rmSync(root, { recursive: true, force: true });
});

const seams = (): AppSeams => quietAppSeams(root);

/** Every entry under `folder` (itself included) whose mode lets anyone but the owner in. */
function readableByOthers(folder: string): string[] {
  const entries = [
    folder,
    ...readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => join(folder, name)),
  ];
  return entries.flatMap((path) => {
    const info = lstatSync(path);
    const expected = info.isDirectory() ? 0o700 : 0o600;
    const mode = info.mode & 0o777;
    return mode === expected ? [] : [`${path} ${mode.toString(8)}`];
  });
}

const modeOf = (path: string) => (lstatSync(path).mode & 0o777).toString(8);

describe.skipIf(process.platform === 'win32')('the user-data folder', () => {
  it('is created 0700 and everything the app writes in it is 0600', async () => {
    services = await createAppServices(userData, seams());
    const notes = services.holder.repository();
    for (let i = 0; i < 3; i += 1) notes.create({ title: `Note ${i}`, body: 'private' });
    await services.settings.update({ closeToTray: true });
    await services.history.record({
      kind: 'manual',
      startedAt: 1,
      finishedAt: 2,
      ok: false,
      file: null,
      noteCount: null,
      message: 'the drive was full',
    });
    await services.settingsStore.flush();
    // While the app runs: the database with its -wal and -shm, the owner record, settings, history.
    const present = readdirSync(userData);
    expect(present).toEqual(
      expect.arrayContaining([DATABASE_FILE, `${DATABASE_FILE}-wal`, SETTINGS_FILE, BACKUP_STATE_FILE]),
    );
    expect(present).toContain(`${DATABASE_FILE}-owner`);
    expect(readableByOthers(userData)).toEqual([]);
  });

  it("takes others' access off what an older version left 0755 and 0644, before opening it", async () => {
    mkdirSync(userData, { mode: 0o755 });
    chmodSync(userData, 0o755);
    const database = join(userData, DATABASE_FILE);
    const db = openNotesDatabase(database);
    new NotesRepository(db).create({ title: 'Old', body: 'notes' });
    closeNotesDatabase(db);
    writeFileSync(join(userData, SETTINGS_FILE), '{}\n');
    writeFileSync(ownerRecordPath(database), '');
    for (const file of [database, join(userData, SETTINGS_FILE), ownerRecordPath(database)]) {
      chmodSync(file, 0o644);
    }
    services = await createAppServices(userData, seams());
    expect(modeOf(userData)).toBe('700');
    expect(modeOf(database)).toBe('600');
    expect(readableByOthers(userData)).toEqual([]);
    expect(
      services.holder
        .repository()
        .list()
        .items.map((note) => note.title),
    ).toEqual(['Old']);
  });
});
