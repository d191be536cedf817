/** Test support for the tray folder: runs, states and recording actions. Only *.test.ts files import this. */
import type { BackupRunRecord } from '../../../src-shared/settings';
import type { TrayActions, TrayState } from '../../../src-main/tray/tray-state';

export const NOW = new Date('2026-05-04T12:00:00Z').getTime();
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function run(overrides: Partial<BackupRunRecord> = {}): BackupRunRecord {
  return {
    kind: 'scheduled',
    startedAt: NOW - 5 * MINUTE,
    finishedAt: NOW - 4 * MINUTE,
    ok: true,
    file: '/b/NoteVault-2026-05-04T11-55-00Z-scheduled.nvbak',
    noteCount: 120,
    message: null,
    ...overrides,
  };
}

export function trayState(overrides: Partial<TrayState> = {}): TrayState {
  return { schedule: 'daily', lastRun: run(), busy: false, nextRunAt: null, warnings: [], ...overrides };
}

export function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    backUpNow: () => calls.push('backUpNow'),
    setSchedule: (interval) => calls.push(`setSchedule:${interval}`),
    showBackups: () => calls.push('showBackups'),
    openApp: () => calls.push('openApp'),
    quit: () => calls.push('quit'),
  };
  return { actions, calls };
}
