import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, versionsToThin, WEEK_MS } from './version-thinning';
import type { KeptVersion } from './version-thinning';

// A fixed "now" at a bucket-neutral moment: 2026-12-05 12:34:56 UTC.
const NOW = Date.UTC(2026, 11, 5, 12, 34, 56);
const MINUTE = 60_000;

/** Versions saved `ages` ms before NOW, seq in the order given. */
function keptAt(...ages: number[]): KeptVersion[] {
  return ages.map((age, i) => ({ seq: i + 1, savedAt: NOW - age }));
}

/** The seqs that survive thinning. */
function survivors(versions: KeptVersion[], now = NOW): number[] {
  const thinned = new Set(versionsToThin(versions, now));
  return versions.filter((v) => !thinned.has(v.seq)).map((v) => v.seq);
}

describe('versionsToThin', () => {
  it('keeps every version of the last day, however close together', () => {
    const versions = keptAt(...Array.from({ length: 100 }, (_, i) => i * 5 * MINUTE));
    expect(versionsToThin(versions, NOW)).toEqual([]);
  });

  it('keeps the newest version of each hour between a day and a week old', () => {
    // Two days old: three in one clock hour, one in the next.
    const base = Math.floor((NOW - 2 * DAY_MS) / HOUR_MS) * HOUR_MS;
    const versions: KeptVersion[] = [
      { seq: 1, savedAt: base + 5 * MINUTE },
      { seq: 2, savedAt: base + 30 * MINUTE },
      { seq: 3, savedAt: base + 55 * MINUTE },
      { seq: 4, savedAt: base + HOUR_MS + MINUTE },
    ];
    expect(survivors(versions)).toEqual([3, 4]);
  });

  it('keeps the newest of each day between a week and a month old, and of each week after', () => {
    const day = Math.floor((NOW - 10 * DAY_MS) / DAY_MS) * DAY_MS;
    const week = Math.floor((NOW - 60 * DAY_MS) / WEEK_MS) * WEEK_MS;
    const versions: KeptVersion[] = [
      { seq: 1, savedAt: day + HOUR_MS },
      { seq: 2, savedAt: day + 20 * HOUR_MS },
      { seq: 3, savedAt: day + DAY_MS + HOUR_MS },
      { seq: 4, savedAt: week + DAY_MS },
      { seq: 5, savedAt: week + 5 * DAY_MS },
      { seq: 6, savedAt: week + WEEK_MS + DAY_MS },
    ];
    expect(survivors(versions)).toEqual([2, 3, 5, 6]);
  });

  it('never removes a version a later run would have kept: thinning again, later, keeps the survivors of each tier', () => {
    // One version every 10 minutes for 40 days.
    const versions = keptAt(...Array.from({ length: 40 * 144 }, (_, i) => i * 10 * MINUTE));
    const first = survivors(versions);
    const again = survivors(versions.filter((v) => first.includes(v.seq)));
    expect(again).toEqual(first);
    // Counted per tier: 144 in the last day (all), one an hour for 6 days, one a day for 23, weekly after.
    expect(first.length).toBeGreaterThan(144 + 6 * 24 - 2);
    expect(first.length).toBeLessThan(144 + 6 * 24 + 23 + 3 + 3);
    // A day later the survivors of today's thinning are a superset of tomorrow's.
    const tomorrow = survivors(
      versions.filter((v) => first.includes(v.seq)),
      NOW + DAY_MS,
    );
    expect(tomorrow.every((seq) => first.includes(seq))).toBe(true);
    expect(tomorrow.length).toBeLessThan(first.length);
  });

  it('keeps versions dated after now (the clock was set back)', () => {
    expect(versionsToThin(keptAt(-HOUR_MS, -HOUR_MS - MINUTE), NOW)).toEqual([]);
  });

  it('breaks a tie of equal times by seq, keeping the later one', () => {
    const at = NOW - 3 * DAY_MS;
    expect(
      versionsToThin(
        [
          { seq: 7, savedAt: at },
          { seq: 9, savedAt: at },
        ],
        NOW,
      ),
    ).toEqual([7]);
  });
});
