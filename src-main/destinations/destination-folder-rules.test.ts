import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { BackupDestination } from '../../src-shared/settings';
import { useWorkspace } from '../../test/main/backup/backup-test-support';
import { checkNewDestinationFolder, newDestinationId } from './destination-folder-rules';

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
  ).rejects.toThrow(/already a backup destination or inside one/);
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
