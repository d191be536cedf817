import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { Settings } from '../../src-shared/settings';
import { nodeFileSystem } from '../fsx/fs-seam';
import type { FileSystem } from '../fsx/fs-seam';
import { fakeClock, scripted, tempFolders } from '../../test/main/fsx/test-faults';
import { fileTimestamp, loadSettingsFile, saveSettingsFile, SETTINGS_FILE } from './settings-file';

const folders = tempFolders();
afterEach(() => folders.cleanup());

const WHEN = new Date('2026-11-25T22:48:03.123Z');
const mine: Settings = {
  backupFolder: '/home/ada/Backups',
  schedule: 'weekly',
  retention: { keepLast: 30, thinDailyWeekly: true },
  closeToTray: true,
  startAtLogin: true,
  notifyOnSuccess: false,
  theme: 'light',
};

async function setup(content?: string | Buffer) {
  const dir = await folders.make();
  const file = join(dir, SETTINGS_FILE);
  if (content !== undefined) await writeFile(file, content);
  const logs: string[] = [];
  const options = { platform: 'linux', now: () => WHEN, log: (message: string) => logs.push(message) };
  return { dir, file, logs, options };
}

describe('loadSettingsFile', () => {
  it('starts with platform defaults and no warning when there is no file', async () => {
    const { file, options } = await setup();
    expect(await loadSettingsFile(file, options)).toEqual({
      settings: defaultSettings('linux'),
      warning: null,
      damagedCopy: null,
    });
    expect((await loadSettingsFile(file, { ...options, platform: 'win32' })).settings.closeToTray).toBe(true);
  });

  it('reads back what saveSettingsFile wrote', async () => {
    const { file, options } = await setup();
    await saveSettingsFile(file, mine);
    expect(await loadSettingsFile(file, options)).toEqual({
      settings: mine,
      warning: null,
      damagedCopy: null,
    });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, ...mine });
  });

  it('drops unknown keys without a warning or a copy', async () => {
    const { dir, file, options } = await setup(JSON.stringify({ ...mine, fontSize: 20, version: 7 }));
    expect(await loadSettingsFile(file, options)).toEqual({
      settings: mine,
      warning: null,
      damagedCopy: null,
    });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('does not adopt a network (UNC) backup folder from a hand-edited file on Windows', async () => {
    const { file, options } = await setup(JSON.stringify({ ...mine, backupFolder: '\\\\attacker\\share' }));
    const loaded = await loadSettingsFile(file, { ...options, platform: 'win32' });
    expect(loaded.settings).toEqual({ ...mine, backupFolder: null });
    expect(loaded.warning).toMatch(/backupFolder: refused because it is a network \(UNC\) path/);
  });

  it('accepts a byte-order mark from a hand edit', async () => {
    const { file, options } = await setup(`\uFEFF${JSON.stringify(mine)}`);
    expect((await loadSettingsFile(file, options)).settings).toEqual(mine);
  });

  it('falls back to defaults for a file that is not JSON, keeps a copy and says so', async () => {
    const damaged = '{"backupFolder": "/home/ada/Back';
    const { dir, file, options } = await setup(damaged);
    const result = await loadSettingsFile(file, options);
    const copy = join(dir, 'settings.damaged-2026-11-25T22-48-03Z.json');
    expect(result.settings).toEqual(defaultSettings('linux'));
    expect(result.damagedCopy).toBe(copy);
    expect(await readFile(copy, 'utf8')).toBe(damaged);
    expect(result.warning).toBe(
      `The settings file "${file}" was damaged (it is not valid JSON), so every setting was reset to its default. ` +
        `The damaged file was kept as "${copy}". Check your backup folder and schedule in Settings.`,
    );
    // Repaired on disk, so the next start is quiet.
    expect(await loadSettingsFile(file, options)).toEqual({
      settings: defaultSettings('linux'),
      warning: null,
      damagedCopy: null,
    });
  });

  it('treats bytes that are not UTF-8 as damaged and copies them exactly', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const { file, options } = await setup(bytes);
    const result = await loadSettingsFile(file, options);
    expect(result.warning).toMatch(/\(it is not UTF-8 text\)/);
    expect(await readFile(result.damagedCopy!)).toEqual(bytes);
  });

  it('keeps the valid settings of a partly damaged file and names the reset ones', async () => {
    const { file, options } = await setup(
      JSON.stringify({ ...mine, schedule: 'fortnightly', retention: { keepLast: 0, thinDailyWeekly: true } }),
    );
    const result = await loadSettingsFile(file, options);
    expect(result.settings).toEqual({
      ...mine,
      schedule: 'off',
      retention: { keepLast: 10, thinDailyWeekly: true },
    });
    expect(result.warning).toMatch(
      /^Some settings in ".*settings\.json" were damaged and were reset to their defaults \(schedule: The schedule must be one of off, hourly, daily, weekly\.; retention\.keepLast: keepLast must be at least 1\.\)\. The damaged file was kept as ".*settings\.damaged-2026-11-25T22-48-03Z\.json"/,
    );
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, ...result.settings });
  });

  it('does not overwrite an earlier damaged copy from the same second', async () => {
    const { dir, file, options } = await setup('not json');
    await loadSettingsFile(file, options);
    await writeFile(file, 'still not json');
    const second = await loadSettingsFile(file, options);
    expect(second.damagedCopy).toBe(join(dir, 'settings.damaged-2026-11-25T22-48-03Z-2.json'));
    expect(await readFile(join(dir, 'settings.damaged-2026-11-25T22-48-03Z.json'), 'utf8')).toBe('not json');
    expect(await readFile(second.damagedCopy!, 'utf8')).toBe('still not json');
  });

  it('leaves an unreadable file alone and warns, instead of replacing it', async () => {
    const { dir, file, options } = await setup(JSON.stringify(mine));
    const fs: FileSystem = { ...nodeFileSystem, open: scripted(nodeFileSystem.open, ['EACCES'], 'open') };
    const result = await loadSettingsFile(file, { ...options, fs });
    expect(result.settings).toEqual(defaultSettings('linux'));
    expect(result.damagedCopy).toBeNull();
    expect(result.warning).toMatch(
      /^NoteVault could not read its settings and started with the defaults: Could not open ".*settings\.json": permission denied/,
    );
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('waits out a file briefly locked by another program while reading', async () => {
    const { file, options } = await setup(JSON.stringify(mine));
    const clock = fakeClock();
    const open = scripted(nodeFileSystem.open, ['EBUSY', 'EBUSY'], 'open');
    const fs: FileSystem = { ...nodeFileSystem, platform: 'win32', open };
    const result = await loadSettingsFile(file, {
      ...options,
      fs,
      retry: { sleep: clock.sleep, now: clock.now },
    });
    expect(result.settings).toEqual(mine);
    expect(open.calls).toHaveLength(3);
  });

  it('still starts, without a copy and without touching the original, when no copy can be written', async () => {
    const { dir, file, logs, options } = await setup('garbage');
    // Every new file (the copy's partial is opened with 'wx') fails: the drive is full.
    const full = scripted(nodeFileSystem.open, ['ENOSPC', '*'], 'open');
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: (path, flags, mode) =>
        flags === 'wx' ? full(path, flags, mode) : nodeFileSystem.open(path, flags, mode),
    };
    const result = await loadSettingsFile(file, { ...options, fs });
    expect(result.settings).toEqual(defaultSettings('linux'));
    expect(result.damagedCopy).toBeNull();
    expect(result.warning).toMatch(/was damaged \(it is not valid JSON\).*Check your backup folder/);
    expect(logs[0]).toMatch(/^Could not keep a copy of the damaged settings .*the drive is full/);
    expect(await readFile(file, 'utf8')).toBe('garbage');
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });
});

describe('saveSettingsFile', () => {
  it('replaces the file atomically through EBUSY/EPERM while another program holds it (Windows)', async () => {
    const { dir, file } = await setup(JSON.stringify(defaultSettings('win32')));
    const clock = fakeClock();
    const rename = scripted(nodeFileSystem.rename, ['EPERM', 'EBUSY', 'EPERM'], 'rename');
    const fs: FileSystem = { ...nodeFileSystem, platform: 'win32', rename };
    await saveSettingsFile(file, mine, { fs, retry: { sleep: clock.sleep, now: clock.now } });
    expect(rename.calls).toHaveLength(4);
    expect(clock.sleeps).toHaveLength(3);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1, ...mine });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]); // no partial left behind
  });

  it('leaves the old file intact and no partial behind when the lock outlasts the retry budget', async () => {
    const before = JSON.stringify(defaultSettings('win32'));
    const { dir, file } = await setup(before);
    const clock = fakeClock();
    const fs: FileSystem = {
      ...nodeFileSystem,
      platform: 'win32',
      rename: scripted(nodeFileSystem.rename, ['EBUSY', '*'], 'rename'),
    };
    await expect(
      saveSettingsFile(file, mine, { fs, retry: { sleep: clock.sleep, now: clock.now } }),
    ).rejects.toMatchObject({
      code: 'FILE_LOCKED',
    });
    expect(await readFile(file, 'utf8')).toBe(before);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });
});

describe('fileTimestamp', () => {
  it('is the UTC time to the second with hyphens instead of colons', () => {
    expect(fileTimestamp(WHEN)).toBe('2026-11-25T22-48-03Z');
  });
});
