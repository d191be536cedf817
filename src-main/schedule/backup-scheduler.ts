/**
 * Runs scheduled backups.
 *
 * - The next run follows the last successful backup (next-run.ts), so after sleep or a
 *   shutdown that missed one or more runs there is exactly one catch-up run, after a short
 *   grace period (`start()` and `handleResume()`).
 * - Never two backups at once: when a run is due while another backup runs (`isBusy()`), it
 *   looks again every few seconds; the app also calls `reschedule()` when a manual backup ends.
 *   A manual success moves the last success forward, so the scheduled run is then usually no
 *   longer due at all.
 * - A failed run is retried after 1, 5, 15 and 60 minutes (never later than one interval after
 *   the failure); after that it waits one interval, and the next failure starts the pauses again.
 * - Timers are never set more than an hour ahead: setTimeout cannot wait longer than ~24.8 days,
 *   and timers do not advance during sleep while the wall clock does (or jumps when the user
 *   changes it). Each wake-up re-reads the clock and re-decides.
 */
import { failure } from '../../src-shared/result';
import { Listeners } from './listeners';
import { addInterval, nextRunAt } from './next-run';
import { notificationFor } from './scheduler-notifications';
import {
  DEFAULT_BUSY_RECHECK_MS,
  DEFAULT_MAX_ARM_MS,
  DEFAULT_RESUME_GRACE_MS,
  DEFAULT_RETRY_DELAYS_MS,
  DEFAULT_START_GRACE_MS,
} from './scheduler-types';
import type {
  NextRunEvent,
  NextRunReason,
  ScheduledRunEvent,
  ScheduledRunResult,
  SchedulerDeps,
  SchedulerTuning,
} from './scheduler-types';

export class BackupScheduler {
  private readonly tuning: Required<SchedulerTuning>;
  private started = false;
  private running = false;
  private timer: unknown;
  private timerArmed = false;
  /** Failures in a row; reset by a success or when a new interval's first attempt starts. */
  private failures = 0;
  private lastFailureStartedAt: number | null = null;
  /** The start of our own newest success, in case the injected record lags behind. */
  private ownSuccessAt: number | null = null;
  /** No catch-up before this time (the grace after start or wake-up). */
  private notBefore = 0;
  private lastAnnounced: string | undefined;
  private nextAt: number | null = null;
  private readonly didRun = new Listeners<ScheduledRunEvent>();
  private readonly didScheduleNext = new Listeners<NextRunEvent>();

  constructor(
    private readonly deps: SchedulerDeps,
    tuning: SchedulerTuning = {},
  ) {
    this.tuning = {
      retryDelaysMs: tuning.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      maxArmMs: tuning.maxArmMs ?? DEFAULT_MAX_ARM_MS,
      busyRecheckMs: tuning.busyRecheckMs ?? DEFAULT_BUSY_RECHECK_MS,
      startGraceMs: tuning.startGraceMs ?? DEFAULT_START_GRACE_MS,
      resumeGraceMs: tuning.resumeGraceMs ?? DEFAULT_RESUME_GRACE_MS,
    };
  }

  /** Begins scheduling; a backup missed while NoteVault was closed runs once after the grace. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.notBefore = this.deps.clock.now() + this.tuning.startGraceMs;
    this.evaluate();
  }

  stop(): void {
    this.started = false;
    this.disarm();
  }

  /** powerMonitor 'resume': the computer slept, maybe through one or more runs. */
  handleResume(): void {
    if (!this.started) return;
    this.notBefore = this.deps.clock.now() + this.tuning.resumeGraceMs;
    this.evaluate();
  }

  /** The interval setting changed, or another backup (manual, restore) ended: decide again. */
  reschedule(): void {
    if (this.started) this.evaluate();
  }

  /** When the next run is planned (epoch ms), or null when off or stopped. */
  nextRun(): number | null {
    return this.started ? this.nextAt : null;
  }

  isRunning(): boolean {
    return this.running;
  }

  onDidRun(listener: (event: ScheduledRunEvent) => void): () => void {
    return this.didRun.on(listener);
  }

  onDidScheduleNext(listener: (event: NextRunEvent) => void): () => void {
    return this.didScheduleNext.on(listener);
  }

  private evaluate(): void {
    if (!this.started || this.running) return;
    this.disarm();
    const now = this.deps.clock.now();
    const interval = this.deps.getInterval();
    if (interval === 'off') {
      this.failures = 0;
      this.announce(null, 'off');
      return;
    }
    const lastSuccess = this.lastSuccess();
    if (this.failures > 0 && lastSuccess !== null && lastSuccess > (this.lastFailureStartedAt ?? 0)) {
      // Some other backup succeeded since our failure: the streak is over.
      this.failures = 0;
    }
    const regular = nextRunAt(lastSuccess === null ? null : new Date(lastSuccess), interval, new Date(now));
    let dueAt = regular?.getTime() ?? now;
    let reason: NextRunReason = 'interval';
    if (this.failures > 0 && this.lastFailureStartedAt !== null) {
      const delay = this.tuning.retryDelaysMs[this.failures - 1];
      const nextInterval = addInterval(this.lastFailureStartedAt, interval);
      const retryAt =
        delay === undefined ? nextInterval : Math.min(this.lastFailureStartedAt + delay, nextInterval);
      if (retryAt > dueAt) {
        dueAt = retryAt;
        reason = delay === undefined ? 'interval' : 'retry';
      }
    }
    dueAt = Math.max(dueAt, this.notBefore);
    if (dueAt > now) {
      this.announce(dueAt, reason);
      this.arm(dueAt - now);
      return;
    }
    if (this.deps.isBusy()) {
      this.announce(now, 'waiting-for-other-backup');
      this.arm(this.tuning.busyRecheckMs);
      return;
    }
    this.announce(now, reason);
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    if (this.failures > this.tuning.retryDelaysMs.length) this.failures = 0; // a new interval
    const startedAt = this.deps.clock.now();
    let result: ScheduledRunResult;
    try {
      result = await this.deps.runBackup('scheduled');
    } catch (error) {
      result = failure({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
    }
    this.running = false;
    if (!result.ok && result.error.code === 'BUSY') {
      // Another backup started between our check and the job start: not a failure.
      if (this.started) {
        this.announce(this.deps.clock.now(), 'waiting-for-other-backup');
        this.arm(this.tuning.busyRecheckMs);
      }
      return;
    }
    const previousFailures = this.failures;
    if (result.ok) {
      this.failures = 0;
      this.ownSuccessAt = Math.max(this.ownSuccessAt ?? startedAt, startedAt);
    } else {
      this.failures += 1;
      this.lastFailureStartedAt = startedAt;
    }
    const event: ScheduledRunEvent = {
      startedAt,
      finishedAt: this.deps.clock.now(),
      result,
      consecutiveFailures: this.failures,
    };
    this.didRun.fire(event);
    const notification = notificationFor(event, {
      previousFailures,
      retryDelaysMs: this.tuning.retryDelaysMs,
      notifyOnSuccess: this.deps.notifyOnSuccess?.() ?? false,
    });
    if (notification) this.deps.notify?.(notification.title, notification.body);
    this.evaluate();
  }

  private lastSuccess(): number | null {
    const recorded = this.deps.getLastSuccess();
    if (recorded === null) return this.ownSuccessAt;
    return this.ownSuccessAt === null ? recorded : Math.max(recorded, this.ownSuccessAt);
  }

  private arm(ms: number): void {
    this.disarm();
    const wait = Math.max(0, Math.min(ms, this.tuning.maxArmMs));
    this.timerArmed = true;
    this.timer = this.deps.clock.setTimeout(() => {
      this.timerArmed = false;
      this.evaluate();
    }, wait);
  }

  private disarm(): void {
    if (this.timerArmed) this.deps.clock.clearTimeout(this.timer);
    this.timerArmed = false;
  }

  private announce(at: number | null, reason: NextRunReason): void {
    this.nextAt = at;
    // Re-arming an hour-long wait, or re-checking a busy runner, is not news for the UI.
    const key = reason === 'waiting-for-other-backup' ? reason : `${reason}:${at}`;
    if (key === this.lastAnnounced) return;
    this.lastAnnounced = key;
    this.didScheduleNext.fire({ at, reason });
  }
}
