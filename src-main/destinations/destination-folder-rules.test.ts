import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BackupDestination } from '../../src-shared/settings';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import { SETTINGS_FILE } from '../settings/settings-file';
import { SettingsStore } from '../settings/settings-store';
import {
  checkBackupFolder,
  checkNewDestinationFolder,
  dropOverlappingDestinations,
  newDestinationId,
} from './destination-folder-rules';

const ws = useWorkspace();
const retention = { keepLast: 10, thinDailyWeekly: false };
const primary = (folder: string): BackupDestination => ({ id: 'primary', folder, retention });

it('refuses a link that leads to the backup folder, compared by where it really points', async () => {
  const link = join(ws.root, 'backups-link');
  symlinkSync(ws.backups, link);
  await expect(
    checkNewDestinationFolder(join(link, 'inside'), {
      existing: [primary(ws.backups)],
      userDataDir: ws.dbDir,
    }),
  ).rejects.toThrow(/already a backup destination, or inside or around one/);
});

it('compares without case on Windows and macOS, and with case on Linux', async () => {
  const context = (platform: NodeJS.Platform, folder: string) => ({
    existing: [primary(folder)],
    userDataDir:
      platform === 'win32' ? 'C:\\Users\\ana\\AppData\\Roaming\\NoteVault' : '/home/ana/.config/NoteVault',
    platform,
  });
  await expect(
    checkNewDestinationFolder('d:\\backups\\copies', context('win32', 'D:\\Backups')),
  ).rejects.toThrow(/already a backup destination/);
  await expect(
    checkNewDestinationFolder('/Volumes/USB/backups', context('darwin', '/Volumes/USB/Backups')),
  ).rejects.toThrow(/already a backup destination/);
  mkdirSync(join(ws.root, 'Backups'));
  const linux = {
    existing: [primary(join(ws.root, 'Backups'))],
    userDataDir: ws.dbDir,
    platform: 'linux' as const,
  };
  expect(await checkNewDestinationFolder(join(ws.root, 'backups'), linux)).toBe(join(ws.root, 'backups'));
});

it('allows a folder beside the backup folder whose name merely starts the same', async () => {
  const beside = `${ws.backups}-usb`;
  expect(
    await checkNewDestinationFolder(beside, { existing: [primary(ws.backups)], userDataDir: ws.dbDir }),
  ).toBe(beside);
});

it('refuses every destination while no backup folder is chosen', async () => {
  await expect(
    checkNewDestinationFolder(ws.backups, { existing: [], userDataDir: ws.dbDir }),
  ).rejects.toThrow(/Choose a backup folder first/);
});

it('makes ids of "d" and 8 hex digits that Settings accepts', () => {
  const ids = new Set(Array.from({ length: 50 }, () => newDestinationId([primary(ws.backups)])));
  for (const id of ids) expect(id).toMatch(/^d[0-9a-f]{8}$/);
  expect(ids.size).toBe(50);
});

it('refuses a folder around a destination as well as one inside it', async () => {
  await expect(
    checkNewDestinationFolder(ws.root, { existing: [primary(ws.backups)], userDataDir: ws.dbDir }),
  ).rejects.toThrow(/already a backup destination, or inside or around one/);
});

// The backup folder chosen again must not land on an extra destination: both retentions would then
// delete from the same files, and the catalogue's backup-folder records would point at gone files.
it.each([
  ['an extra destination itself', (usb: string) => usb],
  ['a folder inside one', (usb: string) => join(usb, 'inner')],
  ['a folder around one', (usb: string) => join(usb, '..')],
])('refuses %s as the backup folder', async (_, folderOf) => {
  const usb = join(ws.root, 'usb');
  mkdirSync(usb);
  const extras = [{ id: 'd0000000a', folder: usb, retention }];
  await expect(checkBackupFolder(folderOf(usb), { extras })).rejects.toThrow(
    /one of the other backup destinations, or inside or around one/,
  );
  const beside = `${usb}-other`;
  expect(await checkBackupFolder(beside, { extras })).toBe(beside);
});

it('drops, at start, an extra destination that shares files with the backup folder or an earlier one', async () => {
  const store = await SettingsStore.open(join(ws.root, SETTINGS_FILE), { platform: process.platform });
  await store.setBackupFolder(ws.backups);
  const usb = join(ws.root, 'usb');
  const kept = { id: 'd0000000a', folder: usb, retention };
  await store.setExtraDestinations([
    { id: 'd0000000b', folder: join(ws.backups, 'copies'), retention },
    kept,
    { id: 'd0000000c', folder: join(usb, 'inner'), retention },
  ]);
  const logs: string[] = [];
  await dropOverlappingDestinations(store, (line) => logs.push(line));
  expect(store.get().extraDestinations).toEqual([kept]);
  expect(logs).toHaveLength(2);
  expect(logs[0]).toContain(`shares files with "${ws.backups}"`);
  // Written to the settings file, so the next start reads it without the dropped ones.
  const reopened = await SettingsStore.open(join(ws.root, SETTINGS_FILE), { platform: process.platform });
  expect(reopened.get().extraDestinations).toEqual([kept]);
});
