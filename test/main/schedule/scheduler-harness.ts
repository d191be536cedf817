/**
 * Test support for backup-scheduler tests: a small backup service with the app's rules (one job
 * at a time, successes recorded as the last success) driven by a TestClock. Only *.test.ts files
 * import this module.
 */
import type { ScheduleInterval } from '../../../src-shared/settings';
import { BackupScheduler } from '../../../src-main/schedule/backup-scheduler';
import type {
  NextRunEvent,
  ScheduledRunEvent,
  ScheduledRunResult,
  SchedulerTuning,
} from '../../../src-main/schedule/scheduler-types';
import { TestClock } from './test-clock';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ok: ScheduledRunResult = {
  ok: true,
  value: { file: '/backups/NoteVault-x.nvbak', noteCount: 12 },
};
export const failed = (
  message = 'The backup folder "E:\\Backups" is not available.',
): ScheduledRunResult => ({ ok: false, error: { code: 'IO', message } });

export interface HarnessOptions {
  start?: Date;
  interval?: ScheduleInterval;
  lastSuccess?: number | null;
  tuning?: SchedulerTuning;
  /** How long each scheduled backup takes. */
  backupMs?: number;
}

export function schedulerHarness(options: HarnessOptions = {}) {
  const clock = new TestClock(options.start ?? new Date('2026-05-04T09:00:00Z'));
  const interval: ScheduleInterval = options.interval ?? 'hourly';
  const lastSuccess: number | null = options.lastSuccess ?? null;
  const state = {
    interval,
    lastSuccess,
    /** Scripted outcomes of the next scheduled backups; success when empty. */
    script: [] as (ScheduledRunResult | Error)[],
    notifyOnSuccess: false,
    inFlight: 0,
    maxInFlight: 0,
    /** Makes isBusy() answer "idle" while a job runs: the race between the check and the start. */
    isBusyAnswersIdle: false,
  };
  const scheduledStarts: number[] = [];
  const notifications: { title: string; body: string }[] = [];
  const runs: ScheduledRunEvent[] = [];
  const nexts: NextRunEvent[] = [];
  const backupMs = options.backupMs ?? 2 * MINUTE;

  const enter = () => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  };

  const scheduler = new BackupScheduler(
    {
      clock,
      getInterval: () => state.interval,
      getLastSuccess: () => state.lastSuccess,
      isBusy: () => !state.isBusyAnswersIdle && state.inFlight > 0,
      runBackup: async () => {
        const startedAt = clock.now();
        scheduledStarts.push(startedAt);
        if (state.inFlight > 0)
          return { ok: false, error: { code: 'BUSY', message: 'Another backup is running.' } };
        enter();
        await new Promise<void>((resolve) => clock.setTimeout(resolve, backupMs));
        state.inFlight -= 1;
        const outcome = state.script.shift() ?? ok;
        if (outcome instanceof Error) throw outcome;
        if (outcome.ok) state.lastSuccess = Math.max(state.lastSuccess ?? 0, startedAt);
        return outcome;
      },
      notify: (title, body) => notifications.push({ title, body }),
      notifyOnSuccess: () => state.notifyOnSuccess,
    },
    { startGraceMs: 0, resumeGraceMs: 0, ...options.tuning },
  );
  scheduler.onDidRun((event) => runs.push(event));
  scheduler.onDidScheduleNext((event) => nexts.push(event));

  /** A manual backup through the same one-at-a-time rule; resolves when it has finished. */
  const manualBackup = async (durationMs: number, succeeds = true) => {
    if (state.inFlight > 0) throw new Error('BUSY');
    const startedAt = clock.now();
    enter();
    await clock.advance(durationMs);
    state.inFlight -= 1;
    if (succeeds) state.lastSuccess = Math.max(state.lastSuccess ?? 0, startedAt);
    scheduler.reschedule();
  };

  /** Starts a manual backup without waiting for it; call the returned function to finish it. */
  const beginManualBackup = () => {
    const startedAt = clock.now();
    enter();
    return (succeeds = true) => {
      state.inFlight -= 1;
      if (succeeds) state.lastSuccess = Math.max(state.lastSuccess ?? 0, startedAt);
      scheduler.reschedule();
    };
  };

  return {
    clock,
    state,
    scheduler,
    scheduledStarts,
    notifications,
    runs,
    nexts,
    manualBackup,
    beginManualBackup,
  };
}
