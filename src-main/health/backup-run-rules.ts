/**
 * Warnings about backups a person should see without asking (the backups view's banner, and the
 * health report's backup items: `backupRunItems`). Moved here from src-main/tray/ with issue #17,
 * so each rule has one source.
 *
 * - stale: scheduling is on but no backup has succeeded for twice the interval (one missed run
 *   is normal on a laptop that was closed; two means something is wrong).
 * - never-succeeded: scheduling is on and no backup has ever succeeded.
 * - last-run-failed: the most recent scheduled run failed (manual failures were seen directly).
 * - note-count-drop: the newest backup holds far fewer notes than the one before: under half,
 *   and at least 10 fewer (so 3 -> 1 notes is not an alarm). That is how an accidental mass
 *   delete or a sync mishap shows up, while the older backups still hold the notes.
 */
import { formatAgo, formatCount } from '../../src-shared/format';
import type { HealthItem, HealthSeverity } from '../../src-shared/ipc/contract-health';
import type {
  BackupRunRecord,
  BackupStatus,
  FailureRemedy,
  ScheduleInterval,
} from '../../src-shared/settings';
import { nominalIntervalMs } from '../schedule/next-run';
import { healthAction } from './health-actions';

export type HealthWarningKind = 'stale' | 'never-succeeded' | 'last-run-failed' | 'note-count-drop';

export interface HealthWarning {
  kind: HealthWarningKind;
  message: string;
  /** The technical text behind a failed run's sentence, for a "Details" disclosure (never the tray). */
  details?: string;
  /** Where the person fixes it, from the failed run (the window offers a button there). */
  remedy?: FailureRemedy;
}

export interface BackupHealthInput {
  schedule: ScheduleInterval;
  /** Start of the newest successful backup, or null. */
  lastSuccess: number | null;
  lastRun: Pick<BackupRunRecord, 'kind' | 'ok' | 'message' | 'details' | 'remedy' | 'startedAt'> | null;
  /** Recent successful backups in any order. */
  recentBackups: readonly { noteCount: number; createdAt: number }[];
}

export const NOTE_DROP_RATIO = 0.5;
export const NOTE_DROP_MIN = 10;

export function backupHealth(input: BackupHealthInput, now: number): HealthWarning[] {
  const warnings: HealthWarning[] = [];
  const { schedule, lastSuccess, lastRun } = input;
  if (schedule !== 'off') {
    if (lastSuccess === null) {
      warnings.push({ kind: 'never-succeeded', message: 'No backup has succeeded yet.' });
    } else if (now - lastSuccess > 2 * nominalIntervalMs(schedule)) {
      warnings.push({
        kind: 'stale',
        message: `The last successful backup was ${formatAgo(lastSuccess, now)}, but backups are scheduled ${schedule}.`,
      });
    }
  }
  if (lastRun && !lastRun.ok && lastRun.kind === 'scheduled') {
    warnings.push({
      kind: 'last-run-failed',
      message: `The last scheduled backup (${formatAgo(lastRun.startedAt, now)}) failed: ${lastRun.message ?? 'unknown error'}`,
      ...(lastRun.details === undefined ? {} : { details: lastRun.details }),
      ...(lastRun.remedy === undefined ? {} : { remedy: lastRun.remedy }),
    });
  }
  const [newest, previous] = [...input.recentBackups].sort((a, b) => b.createdAt - a.createdAt);
  if (newest && previous) {
    const lost = previous.noteCount - newest.noteCount;
    if (newest.noteCount < previous.noteCount * NOTE_DROP_RATIO && lost >= NOTE_DROP_MIN) {
      warnings.push({
        kind: 'note-count-drop',
        message:
          `The newest backup holds ${formatCount(newest.noteCount, 'note')}, ` +
          `the one before held ${formatCount(previous.noteCount, 'note')}. ` +
          'If you did not delete those notes on purpose, restore an earlier backup before the older ones are removed.',
      });
    }
  }
  return warnings;
}

/** How bad each warning is in the health report; a failed or missing backup is a problem. */
const SEVERITY: Record<HealthWarningKind, HealthSeverity> = {
  stale: 'problem',
  'never-succeeded': 'problem',
  'last-run-failed': 'problem',
  'note-count-drop': 'warning',
};

const TITLE: Record<HealthWarningKind, string> = {
  stale: 'Backups are overdue',
  'never-succeeded': 'No backup yet',
  'last-run-failed': 'The last backup failed',
  'note-count-drop': 'Fewer notes in the newest backup',
};

/** The input of `backupHealth` from the backup history, as the backups view's status builds it. */
export function backupHealthInput(schedule: ScheduleInterval, status: BackupStatus): BackupHealthInput {
  return {
    schedule,
    lastSuccess: status.lastSuccess?.startedAt ?? null,
    lastRun: status.lastRun,
    recentBackups: status.recentSuccesses.flatMap((run) =>
      run.noteCount === null ? [] : [{ noteCount: run.noteCount, createdAt: run.startedAt }],
    ),
  };
}

/** The same warnings as health items, each with the action that fixes it. */
export function backupRunItems(input: BackupHealthInput, now: number): HealthItem[] {
  return backupHealth(input, now).map((warning) => {
    // A note-count drop is fixed by a restore the person chooses, not by one button.
    const action =
      warning.kind === 'note-count-drop'
        ? undefined
        : warning.remedy === 'settings'
          ? healthAction('open-settings')
          : healthAction('back-up-now');
    return {
      id: `backup-${warning.kind}`,
      severity: SEVERITY[warning.kind],
      title: TITLE[warning.kind],
      message: warning.message,
      ...(warning.details === undefined ? {} : { details: warning.details }),
      ...(action === undefined ? {} : { action }),
    };
  });
}
