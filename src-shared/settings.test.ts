import { describe, expect, it } from 'vitest';
import {
  backupDestinations,
  drillInterval,
  PRIMARY_DESTINATION_ID,
  applySettingsPatch,
  defaultSettings,
  historyCapBytes,
  settingsPatchSchema,
  settingsSchema,
} from './settings';
import type { Settings } from './settings';

describe('defaultSettings', () => {
  it('closes to the tray by default on Windows only', () => {
    expect(defaultSettings('win32').closeToTray).toBe(true);
    expect(defaultSettings('darwin').closeToTray).toBe(false);
    expect(defaultSettings('linux').closeToTray).toBe(false);
  });

  it('starts with no folder, no schedule, keep 10, and no login item or success notifications', () => {
    expect(defaultSettings('linux')).toEqual({
      backupFolder: null,
      schedule: 'off',
      retention: { keepLast: 10, thinDailyWeekly: false },
      closeToTray: false,
      startAtLogin: false,
      notifyOnSuccess: false,
      theme: 'system',
    });
  });

  it('passes its own schema and returns a fresh object each time', () => {
    expect(settingsSchema.parse(defaultSettings('win32'))).toEqual(defaultSettings('win32'));
    const a = defaultSettings('linux');
    a.retention.keepLast = 3;
    expect(defaultSettings('linux').retention.keepLast).toBe(10);
  });
});

describe('settingsPatchSchema and applySettingsPatch', () => {
  it('changes only what the patch names, retention members included', () => {
    const base = defaultSettings('linux');
    const patch = settingsPatchSchema.parse({ schedule: 'daily', retention: { keepLast: 3 } });
    expect(applySettingsPatch(base, patch)).toEqual({
      ...base,
      schedule: 'daily',
      retention: { keepLast: 3, thinDailyWeekly: false },
    });
    expect(base.retention.keepLast).toBe(10);
  });

  it("carries the theme choice: the system's, or light or dark pinned", () => {
    const base = defaultSettings('linux');
    for (const theme of ['light', 'dark', 'system'] as const)
      expect(applySettingsPatch(base, settingsPatchSchema.parse({ theme }))).toEqual({ ...base, theme });
  });

  it('never carries a path: any backup folder in a patch is refused with a message', () => {
    for (const backupFolder of ['/etc', 'relative', '\\\\host\\share', null]) {
      const result = settingsPatchSchema.safeParse({ backupFolder });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/backup folder cannot be changed this way/);
    }
  });

  it('rejects unknown members, empty patches and out-of-range values with readable messages', () => {
    const message = (value: unknown) => {
      const result = settingsPatchSchema.safeParse(value);
      return result.success ? 'accepted' : result.error.issues.map((issue) => issue.message).join(' | ');
    };
    expect(message({ schedule: 'monthly' })).toBe('The schedule must be one of off, hourly, daily, weekly.');
    expect(message({ retention: { keepLast: 0 } })).toBe('keepLast must be at least 1.');
    expect(message({ retention: { keepLast: 1001 } })).toBe('keepLast can be at most 1000.');
    expect(message({ retention: { keepLast: 2.5 } })).toBe('keepLast must be a whole number.');
    expect(message({})).toBe('A settings change must change at least one setting.');
    expect(message({ fontSize: 20 })).toMatch(/fontSize/);
    expect(message({ theme: 'sepia' })).toBe('The theme must be one of system, light, dark.');
    expect(message({ closeToTray: 'yes' })).toBe('closeToTray must be true or false.');
  });
});

describe('welcomeDismissed', () => {
  it('is absent (not dismissed) in files written before it existed, and set by a patch', () => {
    const base = defaultSettings('linux');
    expect(base.welcomeDismissed).toBeUndefined();
    expect(settingsSchema.parse(base).welcomeDismissed).toBeUndefined();
    const dismissed = applySettingsPatch(base, settingsPatchSchema.parse({ welcomeDismissed: true }));
    expect(dismissed).toEqual({ ...base, welcomeDismissed: true });
    expect(settingsSchema.parse(dismissed).welcomeDismissed).toBe(true);
    expect(settingsPatchSchema.safeParse({ welcomeDismissed: 'yes' }).success).toBe(false);
  });
});

describe('historyMaxMegabytes', () => {
  it('caps history at 100 MB when a file has none, and takes a whole number of megabytes from 1 by a patch', () => {
    const base = defaultSettings('linux');
    expect(historyCapBytes(base)).toBe(100 * 1024 * 1024);
    const smaller = applySettingsPatch(base, settingsPatchSchema.parse({ historyMaxMegabytes: 5 }));
    expect(historyCapBytes(settingsSchema.parse(smaller))).toBe(5 * 1024 * 1024);
    for (const wrong of [0, 1.5, '5', 100_001]) {
      expect(settingsPatchSchema.safeParse({ historyMaxMegabytes: wrong }).success).toBe(false);
    }
  });
});

describe('editorLayout', () => {
  it('is absent (the editor alone) in files written before it existed, and set by a patch to a known layout', () => {
    const base = defaultSettings('linux');
    expect(settingsSchema.parse(base).editorLayout).toBeUndefined();
    const split = applySettingsPatch(base, settingsPatchSchema.parse({ editorLayout: 'split' }));
    expect(settingsSchema.parse(split).editorLayout).toBe('split');
    for (const wrong of ['preview', '', 1]) {
      expect(settingsPatchSchema.safeParse({ editorLayout: wrong }).success).toBe(false);
    }
  });
});

describe('destinations, caps, drills and backups while closed (issue #17)', () => {
  const base = (): Settings => ({
    ...defaultSettings('linux'),
    backupFolder: '/backups',
    extraDestinations: [
      { id: 'd0123abcd', folder: '/mnt/usb', retention: { keepLast: 5, thinDailyWeekly: false } },
    ],
  });

  it('lists the backup folder first, then the extra destinations, and none without a backup folder', () => {
    expect(backupDestinations(base()).map((d) => d.id)).toEqual([PRIMARY_DESTINATION_ID, 'd0123abcd']);
    expect(backupDestinations({ ...base(), backupFolder: null })).toEqual([]);
  });

  it('patches one extra destination by id and refuses an id that is not there', () => {
    const patch = settingsPatchSchema.parse({
      destinationRetention: { id: 'd0123abcd', retention: { capMegabytes: 500 } },
    });
    const next = applySettingsPatch(base(), patch);
    expect(next.extraDestinations?.[0]?.retention).toEqual({
      keepLast: 5,
      thinDailyWeekly: false,
      capMegabytes: 500,
    });
    const unknown = settingsPatchSchema.parse({
      destinationRetention: { id: 'dffffffff', retention: { keepLast: 2 } },
    });
    expect(() => applySettingsPatch(base(), unknown)).toThrow(/no longer in Settings/);
  });

  it('takes a cap (or null for none) on the backup folder and bounds it', () => {
    const next = applySettingsPatch(base(), settingsPatchSchema.parse({ retention: { capMegabytes: 2048 } }));
    expect(next.retention).toEqual({ keepLast: 10, thinDailyWeekly: false, capMegabytes: 2048 });
    expect(
      applySettingsPatch(next, settingsPatchSchema.parse({ retention: { capMegabytes: null } })).retention
        .capMegabytes,
    ).toBeNull();
    expect(settingsPatchSchema.safeParse({ retention: { capMegabytes: 1 } }).success).toBe(false);
  });

  it('never takes a folder or a new destination from a patch, and holds at most two extra destinations', () => {
    expect(settingsPatchSchema.safeParse({ extraDestinations: [] }).success).toBe(false);
    const extra = { id: 'd00000000', folder: '/x', retention: { keepLast: 1, thinDailyWeekly: false } };
    expect(settingsSchema.safeParse({ ...base(), extraDestinations: [extra, extra, extra] }).success).toBe(
      false,
    );
  });

  it('defaults restore drills to weekly and takes the closed-app schedule whole', () => {
    expect(drillInterval(base())).toBe('weekly');
    const next = applySettingsPatch(
      base(),
      settingsPatchSchema.parse({
        drillSchedule: 'monthly',
        backupWhileClosed: { enabled: true, whenLoggedOff: false },
      }),
    );
    expect(drillInterval(next)).toBe('monthly');
    expect(next.backupWhileClosed).toEqual({ enabled: true, whenLoggedOff: false });
  });
});
