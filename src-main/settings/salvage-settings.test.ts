import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import { salvageSettings } from './salvage-settings';

const defaults = defaultSettings('win32');
const full = {
  backupFolder: 'D:\\Backups',
  schedule: 'daily',
  retention: { keepLast: 25, thinDailyWeekly: true },
  closeToTray: false,
  startAtLogin: true,
  notifyOnSuccess: true,
  theme: 'dark',
};

describe('salvageSettings', () => {
  it('takes a valid file as it is, without problems', () => {
    expect(salvageSettings({ version: 1, ...full }, defaults, 'win32')).toEqual({
      settings: full,
      problems: [],
    });
  });

  it('drops unknown members silently', () => {
    const result = salvageSettings(
      { ...full, fontSize: 20, retention: { ...full.retention, keepDays: 3 } },
      defaults,
      'win32',
    );
    expect(result).toEqual({ settings: full, problems: [] });
  });

  it('fills missing members with defaults silently (a file from an older NoteVault)', () => {
    const result = salvageSettings({ backupFolder: '/b', retention: { keepLast: 4 } }, defaults, 'linux');
    expect(result.problems).toEqual([]);
    expect(result.settings).toEqual({
      ...defaults,
      backupFolder: '/b',
      retention: { keepLast: 4, thinDailyWeekly: false },
    });
  });

  it('resets only the invalid members and names each one', () => {
    const result = salvageSettings(
      {
        ...full,
        schedule: 'sometimes',
        retention: { keepLast: -1, thinDailyWeekly: true },
        startAtLogin: 'yes',
        theme: 'sepia',
      },
      defaults,
      'win32',
    );
    expect(result.settings).toEqual({
      ...full,
      schedule: 'off',
      retention: { keepLast: 10, thinDailyWeekly: true },
      startAtLogin: false,
      theme: 'system',
    });
    expect(result.problems).toEqual([
      'schedule: The schedule must be one of off, hourly, daily, weekly.',
      'startAtLogin: startAtLogin must be true or false.',
      'theme: The theme must be one of system, light, dark.',
      'retention.keepLast: keepLast must be at least 1.',
    ]);
  });

  it('resets retention when it is not an object', () => {
    const result = salvageSettings({ ...full, retention: 7 }, defaults, 'win32');
    expect(result.settings.retention).toEqual(defaults.retention);
    expect(result.problems).toEqual(['retention: expected an object with keepLast and thinDailyWeekly']);
  });

  it('uses all defaults for something that is not an object', () => {
    for (const raw of [null, 42, 'settings', [full]]) {
      const result = salvageSettings(raw, defaults);
      expect(result.settings).toEqual(defaults);
      expect(result.problems).toEqual(['the file does not hold a settings object']);
    }
  });

  it('ignores members inherited through the prototype (a "__proto__" key in JSON)', () => {
    const raw = JSON.parse('{"__proto__": {"schedule": "hourly"}, "backupFolder": "/b"}') as unknown;
    const result = salvageSettings(raw, defaults, 'linux');
    expect(result.settings.schedule).toBe('off');
    expect(result.settings.backupFolder).toBe('/b');
  });

  it.each([
    ['\\\\host\\share\\Backups', 'win32', /network \(UNC\) path/],
    ['\\\\?\\C:\\Backups', 'win32', /device path/],
    ['Backups', 'win32', /not an absolute path/],
    ['backups', 'linux', /not an absolute path/],
    ['/home/ana/\0', 'linux', /NUL/],
  ])(
    'does not adopt the backup folder %j from a hand-edited file on %s',
    (backupFolder, platform, reason) => {
      const result = salvageSettings({ ...full, backupFolder }, defaults, platform);
      expect(result.settings).toEqual({ ...full, backupFolder: null });
      expect(result.problems).toEqual([expect.stringMatching(reason)]);
      expect(result.problems[0]).toMatch(/^backupFolder: refused because/);
    },
  );

  it('does not adopt an extra destination on a network path from a hand-edited file, and keeps the others', () => {
    const retention = { keepLast: 5, thinDailyWeekly: false };
    const local = { id: 'd0000000a', folder: 'E:\\NoteVault', retention };
    const share = { id: 'd0000000b', folder: '\\\\host\\share\\NoteVault', retention };
    const result = salvageSettings({ ...full, extraDestinations: [local, share] }, defaults, 'win32');
    expect(result.settings).toEqual({ ...full, extraDestinations: [local] });
    expect(result.problems).toEqual([
      expect.stringMatching(/^extraDestinations: ".*host.*" refused because it is a network \(UNC\) path/),
    ]);
  });

  it('never returns the defaults object itself', () => {
    const result = salvageSettings({}, defaults);
    result.settings.retention.keepLast = 99;
    expect(defaults.retention.keepLast).toBe(10);
  });
});
