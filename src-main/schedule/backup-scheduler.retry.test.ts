import { describe, expect, it, vi } from 'vitest';
import { DAY, failed, HOUR, MINUTE, ok, schedulerHarness } from '../../test/main/schedule/scheduler-harness';

const T0 = new Date('2026-05-04T09:00:00Z').getTime();

describe('BackupScheduler: other backups', () => {
  it('waits for a running manual backup, whose success then makes the scheduled run unnecessary', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 55 * MINUTE });
    h.scheduler.start();
    await h.clock.advance(4 * MINUTE);
    const finishManual = h.beginManualBackup(); // started at T0 + 4 min
    await h.clock.advance(10 * MINUTE); // due at T0 + 5 min: must wait
    expect(h.scheduledStarts).toEqual([]);
    expect(h.nexts.at(-1)?.reason).toBe('waiting-for-other-backup');
    finishManual(true);
    await h.clock.advance(MINUTE);
    expect(h.scheduledStarts).toEqual([]);
    expect(h.scheduler.nextRun()).toBe(T0 + 4 * MINUTE + HOUR);
    expect(h.state.maxInFlight).toBe(1);
  });

  it('runs after a manual backup that failed, once the runner is free', async () => {
    const h = schedulerHarness({
      interval: 'hourly',
      lastSuccess: T0 - 2 * HOUR,
      tuning: { busyRecheckMs: 15_000 },
    });
    const finishManual = h.beginManualBackup();
    h.scheduler.start();
    await h.clock.advance(5 * MINUTE);
    expect(h.scheduledStarts).toEqual([]);
    finishManual(false);
    await h.clock.advance(MINUTE);
    expect(h.scheduledStarts).toEqual([T0 + 5 * MINUTE]);
    expect(h.state.maxInFlight).toBe(1);
  });

  it('notices the runner becoming free even if nobody calls reschedule()', async () => {
    const h = schedulerHarness({
      interval: 'hourly',
      lastSuccess: T0 - 2 * HOUR,
      tuning: { busyRecheckMs: 15_000 },
    });
    h.state.inFlight = 1; // a restore started elsewhere
    h.scheduler.start();
    await h.clock.advance(2 * MINUTE);
    h.state.inFlight = 0;
    await h.clock.advance(20_000);
    expect(h.scheduledStarts).toHaveLength(1);
    expect(h.scheduledStarts[0]! - (T0 + 2 * MINUTE)).toBeLessThanOrEqual(15_000);
  });

  it('a BUSY answer from the runner (a job started after the check) is not a failure', async () => {
    const h = schedulerHarness({
      interval: 'hourly',
      lastSuccess: T0 - 2 * HOUR,
      tuning: { busyRecheckMs: 15_000 },
    });
    const finishManual = h.beginManualBackup();
    h.state.isBusyAnswersIdle = true; // the race: the check said idle, the runner says BUSY
    h.scheduler.start();
    h.state.isBusyAnswersIdle = false;
    await h.clock.advance(MINUTE);
    expect(h.scheduledStarts).toEqual([T0]);
    expect(h.runs).toEqual([]);
    expect(h.notifications).toEqual([]);
    expect(h.nexts.at(-1)?.reason).toBe('waiting-for-other-backup');
    finishManual(false);
    await h.clock.advance(5 * MINUTE);
    expect(h.scheduledStarts).toEqual([T0, T0 + MINUTE]);
    expect(h.runs.map((run) => [run.result.ok, run.consecutiveFailures])).toEqual([[true, 0]]);
    expect(h.state.maxInFlight).toBe(1);
  });
});

describe('BackupScheduler: failures', () => {
  it('retries after 1, 5, 15 and 60 minutes, then waits for the next interval and starts over', async () => {
    const h = schedulerHarness({ interval: 'daily', lastSuccess: T0 - 2 * DAY, backupMs: 0 });
    h.state.script.push(failed(), failed(), failed(), failed(), failed(), failed());
    h.scheduler.start();
    await h.clock.advance(2 * HOUR);
    expect(h.scheduledStarts.map((t) => (t - T0) / MINUTE)).toEqual([0, 1, 6, 21, 81]);
    expect(h.runs.map((run) => run.consecutiveFailures)).toEqual([1, 2, 3, 4, 5]);
    expect(h.nexts.at(-1)).toEqual({ at: T0 + 81 * MINUTE + DAY, reason: 'interval' });
    await h.clock.advance((81 + 1440 - 120) * MINUTE + 30_000); // just past the next interval
    expect(h.scheduledStarts.map((t) => (t - T0) / MINUTE)).toEqual([0, 1, 6, 21, 81, 81 + 1440]);
    // The new interval's failure starts the pauses again: 1 minute.
    expect(h.nexts.at(-1)).toEqual({ at: T0 + (81 + 1440 + 1) * MINUTE, reason: 'retry' });
    await h.clock.advance(2 * MINUTE);
    expect(h.runs.at(-1)?.result.ok).toBe(true);
    expect(h.nexts.at(-1)).toEqual({ at: T0 + (81 + 1440 + 1) * MINUTE + DAY, reason: 'interval' });
  });

  it('never waits longer than one interval for an hourly retry', async () => {
    const h = schedulerHarness({
      interval: 'hourly',
      lastSuccess: T0 - 2 * HOUR,
      backupMs: 0,
      tuning: { retryDelaysMs: [MINUTE, 90 * MINUTE] },
    });
    h.state.script.push(failed(), failed());
    h.scheduler.start();
    await h.clock.advance(3 * HOUR);
    expect(h.scheduledStarts.slice(0, 3).map((t) => (t - T0) / MINUTE)).toEqual([0, 1, 61]);
  });

  it('notifies the first failure and the end of the retries, not every retry', async () => {
    const h = schedulerHarness({ interval: 'daily', lastSuccess: T0 - 2 * DAY, backupMs: 0 });
    h.state.script.push(failed('Drive E: is missing.'), failed(), failed(), failed(), failed());
    h.scheduler.start();
    await h.clock.advance(2 * HOUR);
    expect(h.notifications).toEqual([
      {
        title: 'Scheduled backup failed',
        body: 'Drive E: is missing. NoteVault will try again in 1 minute.',
      },
      {
        title: 'Scheduled backups keep failing',
        body: expect.stringContaining(
          'tried 5 times and will try again at the next scheduled time',
        ) as unknown,
      },
    ]);
  });

  it('says so when backups work again, and notifies successes only when asked to', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 2 * HOUR, backupMs: 0 });
    h.state.script.push(failed(), ok, ok);
    h.scheduler.start();
    await h.clock.advance(2 * MINUTE);
    expect(h.notifications.map((n) => n.title)).toEqual([
      'Scheduled backup failed',
      'NoteVault backups work again',
    ]);
    expect(h.notifications[1]?.body).toBe(
      'The scheduled backup succeeded: 12 notes backed up to NoteVault-x.nvbak.',
    );
    await h.clock.advance(HOUR);
    expect(h.notifications).toHaveLength(2);
    h.state.notifyOnSuccess = true;
    await h.clock.advance(HOUR);
    expect(h.notifications.at(-1)).toEqual({
      title: 'NoteVault backup complete',
      body: '12 notes backed up to NoteVault-x.nvbak.',
    });
  });

  it('a manual success during a failure streak ends the streak', async () => {
    const h = schedulerHarness({ interval: 'daily', lastSuccess: T0 - 2 * DAY, backupMs: 0 });
    h.state.script.push(failed(), failed());
    h.scheduler.start();
    await h.clock.advance(2 * MINUTE); // failed at 0 and 1 min; next retry at 6 min
    expect(h.scheduledStarts).toHaveLength(2);
    await h.manualBackup(MINUTE, true); // at 2..3 min
    await h.clock.advance(HOUR);
    expect(h.scheduledStarts).toHaveLength(2);
    expect(h.scheduler.nextRun()).toBe(T0 + 2 * MINUTE + DAY);
  });

  it('a backup function that throws counts as a failure with the error message', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 2 * HOUR, backupMs: 0 });
    h.state.script.push(new Error('worker crashed'));
    h.scheduler.start();
    await h.clock.advance(MINUTE / 2);
    expect(h.runs[0]?.result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'worker crashed' } });
    expect(h.nexts.at(-1)).toEqual({ at: T0 + MINUTE, reason: 'retry' });
  });

  it('a listener that throws does not break scheduling', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 2 * HOUR, backupMs: 0 });
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      h.scheduler.onDidRun(() => {
        throw new Error('listener bug');
      });
      h.scheduler.start();
      await h.clock.advance(HOUR + MINUTE);
      expect(h.scheduledStarts).toEqual([T0, T0 + HOUR]);
      expect(consoleError).toHaveBeenCalledTimes(2);
    } finally {
      consoleError.mockRestore();
    }
  });
});
