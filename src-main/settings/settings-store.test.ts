import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { SettingsPatch } from '../../src-shared/settings';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import { SETTINGS_FILE } from './settings-file';
import { SettingsStore } from './settings-store';
import type { SettingsChange } from './settings-store';

const folders = tempFolders();
afterEach(() => folders.cleanup());

async function open(options: { fs?: FileSystem; content?: string } = {}) {
  const file = join(await folders.make(), SETTINGS_FILE);
  if (options.content !== undefined) await writeFile(file, options.content);
  const clock = fakeClock();
  const store = await SettingsStore.open(file, {
    platform: 'darwin',
    fs: options.fs,
    retry: { sleep: clock.sleep, now: clock.now },
    log: () => undefined,
  });
  return { file, store };
}

const onDisk = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;

describe('SettingsStore', () => {
  it('opens with defaults and no warning on first start', async () => {
    const { store } = await open();
    expect(store.get()).toEqual(defaultSettings('darwin'));
    expect(store.loadWarning).toBeNull();
  });

  it('carries the warning of a damaged file for the UI', async () => {
    const { store } = await open({ content: '{{{' });
    expect(store.loadWarning).toMatch(/was damaged \(it is not valid JSON\)/);
  });

  it('writes a change before reporting it, and notifies listeners with the previous settings', async () => {
    const { file, store } = await open();
    const changes: SettingsChange[] = [];
    store.onDidChange((change) => changes.push(change));
    await store.setBackupFolder('/Volumes/Backup');
    const next = await store.update({ retention: { thinDailyWeekly: true } });
    expect(next).toEqual({
      ...defaultSettings('darwin'),
      backupFolder: '/Volumes/Backup',
      retention: { keepLast: 10, thinDailyWeekly: true },
    });
    expect(await onDisk(file)).toEqual({ version: 1, ...next });
    expect(changes.map((change) => change.settings)).toEqual([
      { ...defaultSettings('darwin'), backupFolder: '/Volumes/Backup' },
      next,
    ]);
    expect(changes[0]?.previous).toEqual(defaultSettings('darwin'));
  });

  it('keeps the theme choice across a restart, like every other setting', async () => {
    const { file, store } = await open();
    expect(store.get().theme).toBe('system');
    await store.update({ theme: 'dark' });
    expect(await onDisk(file)).toMatchObject({ theme: 'dark' });
    const reopened = await SettingsStore.open(file, { platform: 'darwin', log: () => undefined });
    expect(reopened.get().theme).toBe('dark');
  });

  it('never takes a backup folder from a patch, and refuses a relative one from main', async () => {
    const { file, store } = await open();
    await expect(store.update({ backupFolder: '/etc' } as unknown as SettingsPatch)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/cannot be changed this way/) as unknown,
    });
    await expect(store.setBackupFolder('backups')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/backup folder because it is not an absolute path/) as unknown,
    });
    expect(store.get().backupFolder).toBeNull();
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('applies quick successive changes in order', async () => {
    const { file, store } = await open();
    const patches: SettingsPatch[] = [
      { schedule: 'hourly' },
      { schedule: 'daily' },
      { retention: { keepLast: 5 } },
      { schedule: 'weekly' },
    ];
    await Promise.all(patches.map((patch) => store.update(patch)));
    expect(store.get().schedule).toBe('weekly');
    expect(store.get().retention.keepLast).toBe(5);
    expect(await onDisk(file)).toMatchObject({ schedule: 'weekly', retention: { keepLast: 5 } });
  });

  it('rejects an invalid change with VALIDATION and changes nothing', async () => {
    const { store } = await open();
    await expect(store.update({ retention: { keepLast: 5000 } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('keepLast can be at most 1000.') as unknown,
    });
    await expect(store.update({ schedule: 'sometimes' } as unknown as SettingsPatch)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(store.get()).toEqual(defaultSettings('darwin'));
  });

  it('keeps the old settings in memory and on disk when a write fails, and keeps working afterwards', async () => {
    const rename = scripted(nodeFileSystem.rename, ['EIO'], 'rename');
    const { file, store } = await open({ fs: { ...nodeFileSystem, rename } });
    const changes: SettingsChange[] = [];
    store.onDidChange((change) => changes.push(change));
    await expect(store.update({ startAtLogin: true })).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining('the drive reported a read or write failure (EIO)') as unknown,
    });
    expect(store.get().startAtLogin).toBe(false);
    expect(changes).toEqual([]);
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
    await store.update({ notifyOnSuccess: true });
    expect(store.get()).toMatchObject({ startAtLogin: false, notifyOnSuccess: true });
    expect(changes).toHaveLength(1);
  });

  it('hands out frozen settings, so nobody changes them behind the store', async () => {
    const { store } = await open();
    expect(Object.isFrozen(store.get())).toBe(true);
    expect(Object.isFrozen(store.get().retention)).toBe(true);
  });

  it('flush() waits for pending writes', async () => {
    const { file, store } = await open();
    void store.update({ schedule: 'daily' });
    await store.flush();
    expect(await onDisk(file)).toMatchObject({ schedule: 'daily' });
  });
});
