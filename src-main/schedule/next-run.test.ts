import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addInterval, HOUR_MS, nextRunAt } from './next-run';

// Europe/Berlin: clocks go 02:00 -> 03:00 on 2026-03-29 and 03:00 -> 02:00 on 2026-10-25.
// Node re-reads TZ when it is assigned, so this applies to every Date below.
const originalTz = process.env['TZ'];
beforeAll(() => {
  process.env['TZ'] = 'Europe/Berlin';
});
afterAll(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

const at = (iso: string) => new Date(iso);

describe('nextRunAt', () => {
  it('is null when scheduling is off', () => {
    expect(nextRunAt(at('2026-05-01T10:00:00Z'), 'off', at('2026-05-01T10:30:00Z'))).toBeNull();
  });

  it('is now when there was never a successful backup', () => {
    const now = at('2026-05-01T10:30:00Z');
    expect(nextRunAt(null, 'daily', now)?.toISOString()).toBe(now.toISOString());
  });

  it('is one interval after the last success when that is still ahead', () => {
    const last = at('2026-05-01T10:00:00Z');
    const now = at('2026-05-01T10:20:00Z');
    expect(nextRunAt(last, 'hourly', now)?.toISOString()).toBe('2026-05-01T11:00:00.000Z');
    expect(nextRunAt(last, 'daily', now)?.toISOString()).toBe('2026-05-02T10:00:00.000Z');
    expect(nextRunAt(last, 'weekly', now)?.toISOString()).toBe('2026-05-08T10:00:00.000Z');
  });

  it('is now, once, however many runs were missed', () => {
    const last = at('2026-05-01T10:00:00Z');
    const now = at('2026-05-20T18:00:00Z'); // 19 daily runs missed
    expect(nextRunAt(last, 'daily', now)?.toISOString()).toBe(now.toISOString());
    expect(nextRunAt(last, 'hourly', now)?.toISOString()).toBe(now.toISOString());
  });

  it('is exactly due at the boundary', () => {
    const last = at('2026-05-01T10:00:00Z');
    const now = at('2026-05-01T11:00:00Z');
    expect(nextRunAt(last, 'hourly', now)?.getTime()).toBe(now.getTime());
  });

  it('treats a last success in the future (clock set back) as now, not as days of silence', () => {
    const last = at('2026-06-10T10:00:00Z');
    const now = at('2026-05-01T10:00:00Z');
    expect(nextRunAt(last, 'weekly', now)?.toISOString()).toBe('2026-05-08T10:00:00.000Z');
  });

  it('does not modify its arguments', () => {
    const last = at('2026-05-01T10:00:00Z');
    const now = at('2026-05-05T10:00:00Z');
    nextRunAt(last, 'daily', now);
    expect(last.toISOString()).toBe('2026-05-01T10:00:00.000Z');
    expect(now.toISOString()).toBe('2026-05-05T10:00:00.000Z');
  });
});

describe('addInterval across daylight-saving changes (Europe/Berlin)', () => {
  it('runs the test in the Berlin time zone', () => {
    expect(at('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(-60);
    expect(at('2026-07-15T12:00:00Z').getTimezoneOffset()).toBe(-120);
  });

  it('daily keeps 09:00 local across the spring change: 23 hours of elapsed time', () => {
    const last = at('2026-03-28T09:00:00+01:00');
    const next = new Date(addInterval(last.getTime(), 'daily'));
    expect(next.toISOString()).toBe('2026-03-29T07:00:00.000Z'); // 09:00 CEST
    expect(next.getHours()).toBe(9);
    expect(next.getTime() - last.getTime()).toBe(23 * HOUR_MS);
  });

  it('daily keeps 09:00 local across the autumn change: 25 hours of elapsed time', () => {
    const last = at('2026-10-24T09:00:00+02:00');
    const next = new Date(addInterval(last.getTime(), 'daily'));
    expect(next.toISOString()).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET
    expect(next.getHours()).toBe(9);
    expect(next.getTime() - last.getTime()).toBe(25 * HOUR_MS);
  });

  it('weekly keeps the local time across a change', () => {
    const last = at('2026-03-25T20:15:00+01:00');
    const next = new Date(addInterval(last.getTime(), 'weekly'));
    expect(next.getHours()).toBe(20);
    expect(next.getMinutes()).toBe(15);
    expect(next.getDate()).toBe(1);
    expect(next.getTime() - last.getTime()).toBe(7 * 24 * HOUR_MS - HOUR_MS);
  });

  it('a wall time skipped by the spring change moves on by the gap (02:30 -> 03:30)', () => {
    const last = at('2026-03-28T02:30:00+01:00');
    const next = new Date(addInterval(last.getTime(), 'daily'));
    expect(next.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
    expect(next.getHours()).toBe(3);
  });

  it('a wall time that occurs twice in autumn is the first one (02:30 CEST)', () => {
    const last = at('2026-10-24T02:30:00+02:00');
    const next = new Date(addInterval(last.getTime(), 'daily'));
    expect(next.toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('hourly is elapsed time: the spring night still gets one run per real hour', () => {
    const last = at('2026-03-29T01:30:00+01:00');
    expect(addInterval(last.getTime(), 'hourly') - last.getTime()).toBe(HOUR_MS);
    expect(new Date(addInterval(last.getTime(), 'hourly')).getHours()).toBe(3); // 02:30 does not exist
  });

  it('daily handles month and year ends', () => {
    expect(new Date(addInterval(at('2026-01-31T09:00:00+01:00').getTime(), 'daily')).toISOString()).toBe(
      '2026-02-01T08:00:00.000Z',
    );
    expect(new Date(addInterval(at('2026-12-31T23:30:00+01:00').getTime(), 'daily')).toISOString()).toBe(
      '2027-01-01T22:30:00.000Z',
    );
  });
});
