/**
 * Test support for the destination tests: a BackupRunner over the real engine (in this thread),
 * catalogue, copy-in path and retention, with three destinations and a sync-client-like holder
 * injected at the file seam. Not imported by production code.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { defaultSettings } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { BackupRunner } from '../../../src-main/app/backup-runner';
import { createBackup } from '../../../src-main/backup/create-backup';
import { deriveKey } from '../../../src-main/backup/format/kdf';
import { BackupDestinations } from '../../../src-main/destinations/backup-destinations';
import type { CopyBackupInto } from '../../../src-main/destinations/copy-to-destination';
import type { CloudSyncKind } from '../../../src-main/fsx/cloud-sync-folder';
import { copyBackupInto } from '../../../src-main/fsx/copy-into-folder';
import { nodeFileSystem } from '../../../src-main/fsx/fs-seam';
import type { FileSystem } from '../../../src-main/fsx/fs-seam';
import { FileSealedKeyStore } from '../../../src-main/keystore/file-sealed-key-store';
import { enableDeviceKey } from '../../../src-main/keystore/unattended-key';
import { BACKUP_CATALOGUE_FILE, BackupCatalogue } from '../../../src-main/settings/backup-catalogue';
import { BACKUP_STATE_FILE, BackupStateStore } from '../../../src-main/settings/backup-state-store';
import { makeNotesDatabase, PASSKEY } from '../backup/backup-test-support';
import type { Workspace } from '../backup/backup-test-support';
import { cheapKdfParams } from '../backup/format/test-support';
import { fakeClock, fsError } from '../fsx/test-faults';
import { InMemorySealer } from '../keystore/test-sealer';

export const DRIVE = 'd0000000a';
export const SYNCED = 'd0000000b';

/**
 * A sync-client-like holder of the new files in `folder`: while `held`, the rename or hard link
 * that publishes a file there fails with `code`, as Windows fails it while a client has the file
 * open without share-delete. With `lettingGoAfter` it lets go after that many refusals.
 */
export function holderOf(folder: string, code: string, platform: NodeJS.Platform) {
  const holder = { held: true, refusals: 0, lettingGoAfter: Infinity };
  const refuses = (syscall: string, from: string, to: string) => {
    if (!holder.held || !to.startsWith(folder + sep)) return;
    holder.refusals += 1;
    if (holder.refusals >= holder.lettingGoAfter) holder.held = false;
    throw fsError(code, syscall, from, to);
  };
  const fs: FileSystem = {
    ...nodeFileSystem,
    platform,
    rename: async (from, to) => {
      refuses('rename', from, to);
      return nodeFileSystem.rename(from, to);
    },
    link: async (from, to) => {
      refuses('link', from, to);
      return nodeFileSystem.link(from, to);
    },
  };
  return { holder, fs };
}

export interface DestinationsSetup {
  /** The folder the holder holds (default: the synced extra destination). */
  heldFolder?: (folders: { backups: string; synced: string }) => string;
  code?: string;
  platform?: NodeJS.Platform;
  /** Which folders are cloud-synced (default none). */
  cloudSync?: (folder: string) => CloudSyncKind | null;
  /** The copy-in path (default the real copyBackupInto), e.g. to record what it was asked. */
  copyBackupInto?: CopyBackupInto;
}

export async function setupDestinations(ws: Workspace, options: DestinationsSetup = {}) {
  makeNotesDatabase(ws.db, 5);
  let time = new Date('2026-12-06T03:00:00Z').getTime();
  const keyStore = new FileSealedKeyStore(join(ws.root, 'sealed-backup-key.bin'), new InMemorySealer());
  await enableDeviceKey(PASSKEY, keyStore, deriveKey, ws.dbDir, cheapKdfParams());
  const drive = join(ws.root, 'usb-drive', 'NoteVault');
  const synced = join(ws.root, 'Dropbox', 'NoteVault');
  const staging = join(ws.root, 'backup-staging');
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
  const heldFolder = (options.heldFolder ?? ((folders) => folders.synced))({ backups: ws.backups, synced });
  const { holder, fs } = holderOf(heldFolder, options.code ?? 'EBUSY', options.platform ?? 'linux');
  const clock = fakeClock();
  const fileLayer = { fs, retry: { sleep: clock.sleep, now: clock.now } };
  const logs: string[] = [];
  const later: { ms: number; work: () => Promise<void> }[] = [];
  const state = await BackupStateStore.open(join(ws.root, BACKUP_STATE_FILE));
  const catalogue = await BackupCatalogue.open(join(ws.root, BACKUP_CATALOGUE_FILE), { now: () => time });
  const destinations = new BackupDestinations({
    settings: { get: () => settings },
    catalogue,
    copyBackupInto: options.copyBackupInto ?? copyBackupInto,
    cloudSyncOf: (folder) => Promise.resolve(options.cloudSync?.(folder) ?? null),
    stagingFolder: staging,
    verifiedFiles: () => state.verifiedFiles(),
    fileLayer,
    now: () => time,
    log: (message) => logs.push(message),
    later: (work, ms) => later.push({ work, ms }),
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
  return {
    runner,
    destinations,
    catalogue,
    state,
    holder,
    drive,
    synced,
    staging,
    logs,
    later,
    advance,
    settings,
  };
}

/** The file names in `folder`, sorted; none for a folder that is not there. */
export const backupsIn = (folder: string) => (existsSync(folder) ? readdirSync(folder).sort() : []);
