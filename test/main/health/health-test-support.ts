/** Test support for src-main/health: facts for the rules. Only *.test.ts files import this. */
import type { CatalogueFact, CopyFact, HealthInput } from '../../../src-main/health/health-input';
import { defaultSettings } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { DAY, HOUR, NOW, run } from '../tray/tray-test-support';

export { DAY, HOUR, NOW, run };

export const EXTRA_ID = 'd0a1b2c3d';

export function settings(overrides: Partial<Settings> = {}): Settings {
  return { ...defaultSettings('linux'), backupFolder: '/b', schedule: 'daily', ...overrides };
}

/** Settings with one extra destination, /usb, besides the backup folder /b. */
export function withExtra(overrides: Partial<Settings> = {}): Settings {
  return settings({
    extraDestinations: [
      { id: EXTRA_ID, folder: '/usb', retention: { keepLast: 10, thinDailyWeekly: false } },
    ],
    ...overrides,
  });
}

export function input(overrides: Partial<HealthInput> = {}): HealthInput {
  const last = run({ startedAt: NOW - HOUR });
  return {
    settings: settings(),
    status: { lastRun: last, lastSuccess: last, recentSuccesses: [last] },
    catalogue: [],
    destinations: null,
    retention: null,
    can: { runDrill: true, catchUp: true },
    ...overrides,
  };
}

/** A catalogue entry made `ageMs` before NOW, with these copies. */
export function entry(
  name: string,
  ageMs: number,
  copies: Record<string, CopyFact>,
  overrides: Partial<CatalogueFact> = {},
): CatalogueFact {
  return {
    name,
    createdAt: new Date(NOW - ageMs).toISOString(),
    noteCount: 3104,
    openWithDevice: true,
    copies,
    ...overrides,
  };
}

export const verified = (at: number, extra: Partial<CopyFact> = {}): CopyFact => ({
  state: 'verified',
  at,
  ...extra,
});
