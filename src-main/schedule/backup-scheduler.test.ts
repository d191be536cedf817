import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, schedulerHarness } from '../../test/main/schedule/scheduler-harness';

const T0 = new Date('2026-05-04T09:00:00Z').getTime();

describe('BackupScheduler: intervals', () => {
  it('runs hourly backups one hour after each success', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 10 * MINUTE, backupMs: MINUTE });
    h.scheduler.start();
    await h.clock.advance(49 * MINUTE);
    expect(h.scheduledStarts).toEqual([]);
    await h.clock.advance(3 * HOUR);
    expect(h.scheduledStarts).toEqual([T0 + 50 * MINUTE, T0 + 110 * MINUTE, T0 + 170 * MINUTE]);
    expect(h.runs.map((run) => run.result.ok)).toEqual([true, true, true]);
    expect(h.nexts.at(-1)).toEqual({ at: T0 + 230 * MINUTE, reason: 'interval' });
  });

  it('backs up right away (after the start grace) when there was never a backup', async () => {
    const h = schedulerHarness({ interval: 'daily', tuning: { startGraceMs: 30_000 } });
    h.scheduler.start();
    expect(h.scheduler.nextRun()).toBe(T0 + 30_000);
    await h.clock.advance(29_000);
    expect(h.scheduledStarts).toEqual([]);
    await h.clock.advance(2_000);
    expect(h.scheduledStarts).toEqual([T0 + 30_000]);
  });

  it('does nothing while off, and starts when switched on', async () => {
    const h = schedulerHarness({ interval: 'off', lastSuccess: T0 - 3 * DAY });
    h.scheduler.start();
    await h.clock.advance(10 * DAY);
    expect(h.scheduledStarts).toEqual([]);
    expect(h.clock.pendingTimers()).toBe(0);
    expect(h.nexts).toEqual([{ at: null, reason: 'off' }]);
    h.state.interval = 'weekly';
    h.scheduler.reschedule();
    await h.clock.advance(3 * MINUTE);
    expect(h.scheduledStarts).toEqual([T0 + 10 * DAY]);
    h.state.interval = 'off';
    h.scheduler.reschedule();
    expect(h.clock.pendingTimers()).toBe(0);
    expect(h.scheduler.nextRun()).toBeNull();
  });

  it('never arms a timer more than an hour ahead, and still runs a weekly backup on time', async () => {
    const h = schedulerHarness({ interval: 'weekly', lastSuccess: T0 - DAY, backupMs: MINUTE });
    h.scheduler.start();
    await h.clock.advance(6 * DAY + MINUTE);
    expect(h.scheduledStarts).toEqual([T0 + 6 * DAY]);
    expect(Math.max(...h.clock.requestedDelays)).toBeLessThanOrEqual(HOUR);
    // About one wake-up per hour, not a busy loop.
    expect(h.clock.requestedDelays.length).toBeLessThan(6 * 24 + 10);
  });

  it('stop() cancels the timer; nothing runs afterwards', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 });
    h.scheduler.start();
    h.scheduler.stop();
    expect(h.clock.pendingTimers()).toBe(0);
    await h.clock.advance(5 * HOUR);
    expect(h.scheduledStarts).toEqual([]);
    expect(h.scheduler.nextRun()).toBeNull();
  });
});

describe('BackupScheduler: catching up once', () => {
  it('after a long sleep runs one backup on resume, not one per missed run', async () => {
    const h = schedulerHarness({
      interval: 'hourly',
      lastSuccess: T0 - 5 * MINUTE,
      tuning: { resumeGraceMs: MINUTE },
    });
    h.scheduler.start();
    h.clock.sleep(3 * DAY); // 72 hourly runs missed
    h.scheduler.handleResume();
    await h.clock.advance(MINUTE + 5 * MINUTE);
    expect(h.scheduledStarts).toEqual([T0 + 3 * DAY + MINUTE]);
    await h.clock.advance(HOUR);
    expect(h.scheduledStarts).toEqual([T0 + 3 * DAY + MINUTE, T0 + 3 * DAY + MINUTE + HOUR]);
  });

  it('after a sleep without a resume event, the next hourly wake-up notices the clock jump', async () => {
    const h = schedulerHarness({ interval: 'weekly', lastSuccess: T0 });
    h.scheduler.start();
    h.clock.setWallClock(new Date(T0 + 10 * DAY)); // the timer is still up to an hour away
    await h.clock.advance(HOUR);
    expect(h.scheduledStarts).toHaveLength(1);
    expect(h.scheduledStarts[0]).toBeLessThanOrEqual(T0 + 10 * DAY + HOUR);
    await h.clock.advance(DAY);
    expect(h.scheduledStarts).toHaveLength(1);
  });

  it('after a shutdown runs one backup when started', async () => {
    const h = schedulerHarness({
      interval: 'daily',
      lastSuccess: T0 - 9 * DAY,
      tuning: { startGraceMs: 30_000 },
    });
    h.scheduler.start();
    await h.clock.advance(2 * HOUR);
    expect(h.scheduledStarts).toEqual([T0 + 30_000]);
  });

  it('a resume while a backup runs does not start a second one', async () => {
    const h = schedulerHarness({ interval: 'hourly', lastSuccess: T0 - 2 * HOUR, backupMs: 10 * MINUTE });
    h.scheduler.start();
    await h.clock.advance(MINUTE);
    expect(h.scheduler.isRunning()).toBe(true);
    h.scheduler.handleResume();
    await h.clock.advance(15 * MINUTE);
    expect(h.scheduledStarts).toEqual([T0]);
    expect(h.state.maxInFlight).toBe(1);
  });
});
