import type { BackupFileKind, VerificationState } from '../../src-shared/ipc/contract-schedule';
import type { ScheduleInterval } from '../../src-shared/settings';

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
