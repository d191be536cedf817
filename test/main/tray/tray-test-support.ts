/** Test support for the tray folder: runs, states and recording actions. Only *.test.ts files import this. */
import type { HealthItem, HealthReport } from '../../../src-shared/ipc/contract-health';
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
  return { schedule: 'daily', lastRun: run(), busy: false, nextRunAt: null, health: health(), ...overrides };
}

/** A health report with these items (problems first, as healthReport sorts them). */
export function health(
  items: HealthItem[] = [],
  summary = 'Last verified restore: 120 notes, 2 days ago.',
): HealthReport {
  const worst = items.find((i) => i.severity === 'problem')
    ? 'problem'
    : items.find((i) => i.severity === 'warning')
      ? 'warning'
      : 'ok';
  return { at: NOW, worst, summary, items };
}

export function recordingActions() {
  const calls: string[] = [];
  const actions: TrayActions = {
    backUpNow: () => calls.push('backUpNow'),
    setSchedule: (interval) => calls.push(`setSchedule:${interval}`),
    showBackups: () => calls.push('showBackups'),
    showHealth: () => calls.push('showHealth'),
    openApp: () => calls.push('openApp'),
    quit: () => calls.push('quit'),
  };
  return { actions, calls };
}
