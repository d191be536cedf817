import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, schedulerHarness } from '../../test/main/schedule/scheduler-harness';

// Node re-reads TZ when it is assigned; restored afterwards for other files in this worker.
const originalTz = process.env['TZ'];
beforeAll(() => {
  process.env['TZ'] = 'Europe/Berlin';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

const localHours = (times: number[]) => times.map((t) => new Date(t).getHours());

describe('BackupScheduler across daylight-saving changes (Europe/Berlin)', () => {
  it('keeps a daily backup at 09:00 local through the spring change (23 h apart)', async () => {
    const last = new Date('2026-03-27T09:00:00+01:00').getTime();
    const h = schedulerHarness({
      start: new Date(last + MINUTE),
      interval: 'daily',
      lastSuccess: last,
      backupMs: 0,
    });
    h.scheduler.start();
    await h.clock.advance(3 * DAY);
    expect(h.scheduledStarts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-03-28T08:00:00.000Z', // 09:00 CET
      '2026-03-29T07:00:00.000Z', // 09:00 CEST, the night had 23 hours
      '2026-03-30T07:00:00.000Z',
    ]);
    expect(localHours(h.scheduledStarts)).toEqual([9, 9, 9]);
    expect(h.scheduledStarts[1]! - h.scheduledStarts[0]!).toBe(23 * HOUR);
  });

  it('keeps a daily backup at 09:00 local through the autumn change (25 h apart)', async () => {
    const last = new Date('2026-10-23T09:00:00+02:00').getTime();
    const h = schedulerHarness({
      start: new Date(last + MINUTE),
      interval: 'daily',
      lastSuccess: last,
      backupMs: 0,
    });
    h.scheduler.start();
    await h.clock.advance(3 * DAY);
    expect(h.scheduledStarts.map((t) => new Date(t).toISOString())).toEqual([
      '2026-10-24T07:00:00.000Z', // 09:00 CEST
      '2026-10-25T08:00:00.000Z', // 09:00 CET, the night had 25 hours
    ]);
    expect(localHours(h.scheduledStarts)).toEqual([9, 9]);
    expect(h.scheduledStarts[1]! - h.scheduledStarts[0]!).toBe(25 * HOUR);
  });

  it('keeps hourly backups one real hour apart through the spring night', async () => {
    const last = new Date('2026-03-29T00:30:00+01:00').getTime();
    const h = schedulerHarness({
      start: new Date(last + MINUTE),
      interval: 'hourly',
      lastSuccess: last,
      backupMs: 0,
    });
    h.scheduler.start();
    await h.clock.advance(3 * HOUR);
    expect(h.scheduledStarts.map((t, i) => t - last - (i + 1) * HOUR)).toEqual([0, 0, 0]);
    expect(localHours(h.scheduledStarts)).toEqual([1, 3, 4]); // 02:30 does not exist that night
  });
});
