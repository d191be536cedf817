import type { BackupFileKind, VerificationState } from '../../src-shared/ipc/contract-schedule';
import type { ScheduleInterval } from '../../src-shared/settings';

/** "1.2 MB": sizes as a file manager shows them (decimal units). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

export function formatDateTime(time: number): string {
  return new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export const KIND_LABELS: Record<BackupFileKind, string> = {
  manual: 'Manual',
  scheduled: 'Scheduled',
  'before-restore': 'Before restore',
  other: 'Other',
};

export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  verified: 'Verified',
  failed: 'Damaged',
  unverified: 'Not checked',
};

export const SCHEDULE_LABELS: Record<ScheduleInterval, string> = {
  off: 'Off',
  hourly: 'Every hour',
  daily: 'Every day',
  weekly: 'Every week',
};
