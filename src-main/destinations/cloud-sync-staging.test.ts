import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import { backupsIn, setupDestinations, SYNCED } from '../../test/main/destinations/destinations-test-support';
import { copyBackupInto, COPY_SETTLE_DELAY_MS } from '../fsx/copy-into-folder';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../settings/backup-catalogue';
import { BackupDestinations, CLOUD_SYNC_RECHECK_MS } from './backup-destinations';

// A cloud-synced backup folder is never written in place: the engine writes into private local
// staging, the finished backup is copied in as one file (one rename), and the copy is hashed again
// once the sync client has had time to settle. The real engine, catalogue and copy-in path; which
// folder is cloud-synced and the sync client holding a new file are injected.
const ws = useWorkspace();
const dropboxBackups = (folder: string) => (folder === ws.backups ? 'dropbox' : null);

describe('a cloud-synced backup folder', () => {
  it('is written through staging, copied in, and the staged file removed once the copy verified', async () => {
    const { runner, catalogue, staging, later, destinations } = await setupDestinations(ws, {
      cloudSync: dropboxBackups,
      heldFolder: () => join(ws.root, 'nothing-held'),
    });
    const result = await runner.runScheduled();
    expect(result.ok).toBe(true);
    const file = result.ok ? result.value.file : '';
    const name = basename(file);
    expect(file).toBe(join(ws.backups, name));
    expect(backupsIn(ws.backups)).toEqual([name]);
    // The staging folder is this user's alone, like the private temp root.
    expect(statSync(staging).mode & 0o777).toBe(0o700);
    expect(backupsIn(staging)).toEqual([]);
    expect(catalogue.get(name)?.copies.primary?.state).toBe('verified');
    expect((await destinations.status())[0]?.cloudSync).toBe('dropbox');

    // The settle re-check, once the client had its time: the copy still reads back the same.
    expect(later.map((entry) => entry.ms)).toEqual([COPY_SETTLE_DELAY_MS]);
    await later[0]?.work();
    expect(catalogue.get(name)?.copies.primary).toMatchObject({
      state: 'verified',
      settledCheckAt: expect.any(Number) as unknown,
    });
  });

  it('records a copy the sync client cut while syncing as failed at the settle re-check', async () => {
    const { runner, catalogue, later } = await setupDestinations(ws, {
      cloudSync: (folder) => (folder.startsWith(join(ws.root, 'Dropbox')) ? 'dropbox' : null),
      heldFolder: () => join(ws.root, 'nothing-held'),
    });
    const result = await runner.runScheduled();
    const name = basename(result.ok ? result.value.file : '');
    const copy = join(ws.root, 'Dropbox', 'NoteVault', name);
    expect(catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
    truncateSync(copy, 1000);
    expect(later).toHaveLength(1);
    await later[0]?.work();
    expect(catalogue.get(name)?.copies[SYNCED]).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('has changed since NoteVault copied it') as unknown,
    });
    // The backup folder's own copy is untouched by it.
    expect(catalogue.get(name)?.copies.primary?.state).toBe('verified');
  });

  it('fails the run when the copy-in stays held, keeps the staged backup, and catches the folder up from it', async () => {
    const { runner, catalogue, staging, holder, destinations, state } = await setupDestinations(ws, {
      cloudSync: dropboxBackups,
      heldFolder: (folders) => folders.backups,
    });
    const result = await runner.runScheduled();
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('another program is using the file') as unknown },
    });
    expect(state.get().lastRun).toMatchObject({ ok: false });
    expect(backupsIn(ws.backups)).toEqual([]);
    const [name = ''] = backupsIn(staging);
    expect(name).toMatch(/-scheduled\.nvbak$/);
    expect(catalogue.get(name)?.copies.primary?.state).toBe('failed');

    holder.held = false;
    expect(await destinations.catchUp()).toBeGreaterThanOrEqual(1);
    expect(backupsIn(ws.backups)).toEqual([name]);
    expect(backupsIn(staging)).toEqual([]);
    expect(catalogue.get(name)?.copies.primary?.state).toBe('verified');
    expect(readFileSync(join(ws.backups, name)).length).toBe(catalogue.get(name)?.size);
  });

  it('removes every older staged backup once a newer one reached the backup folder verified', async () => {
    const { runner, catalogue, staging, holder, advance } = await setupDestinations(ws, {
      cloudSync: dropboxBackups,
      heldFolder: (folders) => folders.backups,
    });
    // Two runs whose copy-in stays held: both backups wait in staging.
    const first = await runner.runScheduled();
    advance(60 * 60 * 1000);
    const second = await runner.runScheduled();
    expect(first.ok || second.ok).toBe(false);
    const staged = backupsIn(staging);
    expect(staged).toHaveLength(2);
    // A file that is no NoteVault backup stays wherever it is.
    writeFileSync(join(staging, 'notes.txt'), 'not a backup');

    holder.held = false;
    advance(60 * 60 * 1000);
    const third = await runner.runScheduled();
    expect(third.ok).toBe(true);
    // The catch-up copied the newest staged one in; the run's own backup went in too. None of the
    // older ones would ever be copied, so none stays.
    expect(backupsIn(staging)).toEqual(['notes.txt']);
    expect(catalogue.get(staged[1] ?? '')?.copies.primary?.state).toBe('verified');
  });

  it('owes the settle re-check across a restart: due copies are checked at start and before a catch-up', async () => {
    const syncedExtra = (folder: string) => (folder.startsWith(join(ws.root, 'Dropbox')) ? 'dropbox' : null);
    const setup = await setupDestinations(ws, {
      cloudSync: syncedExtra,
      heldFolder: () => join(ws.root, 'nothing-held'),
    });
    const first = await setup.runner.runScheduled();
    const name = basename(first.ok ? first.value.file : '');
    expect(setup.catalogue.get(name)?.copies[SYNCED]?.state).toBe('verified');
    // The app quits (or the headless run exits) before the timer fires: `later` never runs.
    expect(setup.later).toHaveLength(1);
    await setup.catalogue.flush();
    truncateSync(join(setup.synced, name), 1000);

    // Not due yet: nothing is hashed.
    expect(await setup.destinations.settleDue()).toBe(0);
    const restartedAt = setup.advance(COPY_SETTLE_DELAY_MS);
    // A new start: a fresh catalogue and destinations read from disk, as the next app start does.
    const catalogue = await BackupCatalogue.open(join(ws.root, BACKUP_CATALOGUE_FILE), {
      now: () => restartedAt,
    });
    const destinations = new BackupDestinations({
      settings: { get: () => setup.settings },
      catalogue,
      copyBackupInto,
      cloudSyncOf: (folder) => Promise.resolve(syncedExtra(folder)),
      stagingFolder: setup.staging,
      now: () => restartedAt,
      log: () => undefined,
      later: () => undefined,
    });
    expect(await destinations.settleDue()).toBe(1);
    expect(catalogue.get(name)?.copies[SYNCED]).toMatchObject({
      state: 'failed',
      settledCheckAt: expect.any(Number) as unknown,
      message: expect.stringContaining('has changed since NoteVault copied it') as unknown,
    });
    expect(catalogue.get(name)?.copies.primary?.state).toBe('verified');

    // The next run's catch-up settles the run before it first (its copy intact this time).
    setup.advance(60 * 60 * 1000);
    const second = await setup.runner.runScheduled();
    const secondName = basename(second.ok ? second.value.file : '');
    setup.advance(COPY_SETTLE_DELAY_MS);
    await setup.destinations.catchUp();
    expect(setup.catalogue.get(secondName)?.copies[SYNCED]).toMatchObject({
      state: 'verified',
      settledCheckAt: expect.any(Number) as unknown,
    });
  });

  it('asks whether a folder is cloud-synced again only after CLOUD_SYNC_RECHECK_MS', async () => {
    const asked: string[] = [];
    const { destinations, advance } = await setupDestinations(ws, {
      cloudSync: (folder) => {
        asked.push(folder);
        return dropboxBackups(folder);
      },
    });
    await destinations.status();
    await destinations.status();
    expect(asked).toHaveLength(3);
    advance(CLOUD_SYNC_RECHECK_MS);
    expect((await destinations.status())[0]?.cloudSync).toBe('dropbox');
    expect(asked).toHaveLength(6);
  });
});
