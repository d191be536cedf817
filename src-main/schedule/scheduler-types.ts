import type { Result } from '../../src-shared/result';
import type { ScheduleInterval } from '../../src-shared/settings';

/** Time and timers, injected so tests can drive hours of scheduling in milliseconds. */
export interface SchedulerClock {
  /** Wall-clock epoch milliseconds (Date.now in the app): schedules are about calendar time. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What one backup attempt produced, as the app's backup service reports it. */
export type ScheduledRunResult = Result<{ file: string; noteCount: number }>;

export interface SchedulerDeps {
  clock: SchedulerClock;
  /** The current setting; read at every evaluation, so a change only needs `reschedule()`. */
  getInterval(): ScheduleInterval;
  /** Start time of the newest successful backup of any kind (manual ones count), or null. */
  getLastSuccess(): number | null;
  /** True while another backup or restore runs (the job runner's one-at-a-time rule). */
  isBusy(): boolean;
  /**
   * Makes a scheduled backup with the sealed key and records it (the state store). Should not
   * throw; a rejection counts as a failed run. A BUSY failure means another job started first
   * and is not counted as a failure.
   */
  runBackup(kind: 'scheduled'): Promise<ScheduledRunResult>;
  /** A desktop notification; failures are always notified, successes when `notifyOnSuccess()`. */
  notify?(title: string, body: string): void;
  notifyOnSuccess?(): boolean;
}

export interface SchedulerTuning {
  /** Pauses after the 1st, 2nd, ... consecutive failure; past the end, wait for the next interval. */
  retryDelaysMs?: readonly number[];
  /** The longest single timer; beyond it the scheduler wakes up and re-checks the clock. */
  maxArmMs?: number;
  /** How often to look again while another backup runs. */
  busyRecheckMs?: number;
  /** Catch-up grace after `start()`: let the app finish starting before a backup loads the disk. */
  startGraceMs?: number;
  /** Catch-up grace after waking from sleep: network drives and Wi-Fi take a moment to return. */
  resumeGraceMs?: number;
}

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
export const DEFAULT_MAX_ARM_MS = 60 * 60_000;
export const DEFAULT_BUSY_RECHECK_MS = 15_000;
export const DEFAULT_START_GRACE_MS = 30_000;
export const DEFAULT_RESUME_GRACE_MS = 60_000;

export interface ScheduledRunEvent {
  startedAt: number;
  finishedAt: number;
  result: ScheduledRunResult;
  /** Failures in a row including this one; 0 after a success. */
  consecutiveFailures: number;
}

export type NextRunReason = 'off' | 'interval' | 'retry' | 'waiting-for-other-backup';

export interface NextRunEvent {
  /** When the next scheduled backup will start (epoch ms); null when scheduling is off. */
  at: number | null;
  reason: NextRunReason;
}
