import { describe, expect, it } from 'vitest';
import type { BackupKind } from '../backup/format/metadata';
import { DAY_MS, HOUR_MS } from './next-run';
import {
  localDayKey,
  localWeekKey,
  newestFirst,
  planRetention,
  SAFETY_BACKUP_DAYS,
  startOfLocalDay,
  startOfLocalWeek,
} from './retention';
import type { BackupEntry } from './retention';

// Wednesday noon in the local time zone, so the day and week examples hold in any zone.
const NOW = new Date(2026, 5, 17, 12, 0, 0);

function backup(hoursAgo: number, kind: BackupKind = 'scheduled', verified = true): BackupEntry {
  const createdAt = new Date(NOW.getTime() - hoursAgo * HOUR_MS);
  return { file: `NoteVault-${createdAt.toISOString()}-${kind}.nvbak`, createdAt, kind, verified };
}

const files = (entries: BackupEntry[]) => entries.map((entry) => entry.file);

describe('planRetention: examples', () => {
  it('keeps the newest keepLast and deletes the rest, newest first', () => {
    const set = [5, 1, 3, 2, 4].map((h) => backup(h));
    const plan = planRetention(set, { keepLast: 2, thinDailyWeekly: false }, NOW);
    expect(files(plan.keep)).toEqual(files([backup(1), backup(2)]));
    expect(files(plan.delete)).toEqual(files([backup(3), backup(4), backup(5)]));
  });

  it('keeps everything when there are fewer than keepLast', () => {
    const set = [1, 2].map((h) => backup(h));
    expect(planRetention(set, { keepLast: 10, thinDailyWeekly: false }, NOW).delete).toEqual([]);
    expect(planRetention([], { keepLast: 1, thinDailyWeekly: false }, NOW)).toMatchObject({
      keep: [],
      delete: [],
    });
  });

  it('never deletes the newest backup that verified, even beyond keepLast', () => {
    const set = [
      backup(1, 'scheduled', false),
      backup(2, 'scheduled', false),
      backup(3, 'manual', true),
      backup(4),
    ];
    const plan = planRetention(set, { keepLast: 1, thinDailyWeekly: false }, NOW);
    expect(files(plan.keep)).toEqual(files([backup(1, 'scheduled', false), backup(3, 'manual', true)]));
  });

  it('keeps before-restore backups younger than 30 days outside keepLast, and lets older ones go', () => {
    const young = backup(29 * 24, 'before-restore');
    const old = backup(31 * 24, 'before-restore', false);
    const set = [backup(1), backup(2), young, old];
    const plan = planRetention(set, { keepLast: 1, thinDailyWeekly: false }, NOW);
    expect(files(plan.keep)).toEqual(files([backup(1), young]));
    expect(files(plan.delete)).toEqual(files([backup(2), old]));
  });

  it('does not count before-restore backups toward keepLast', () => {
    const set = [backup(1, 'before-restore'), backup(2), backup(3)];
    const plan = planRetention(set, { keepLast: 2, thinDailyWeekly: false }, NOW);
    expect(plan.delete).toEqual([]);
  });

  it('thinned: hourly backups for 10 weeks keep 10 + one per day for 7 days + one per week for 10 weeks', () => {
    const set = Array.from({ length: 70 * 24 }, (_, h) => backup(h + 0.5, 'scheduled', false));
    const plan = planRetention(set, { keepLast: 10, thinDailyWeekly: true }, NOW);
    // Now is Wednesday noon. The newest 10 are all today, so "today" and "this week" add nothing
    // new; the daily rule adds Thursday to Tuesday (6); last week's newest is Sunday 23:30, which
    // the daily rule already kept, so the weekly rule adds the 8 weeks before it.
    expect(plan.keep.length).toBe(10 + 6 + 8);
    expect(files(plan.keep.slice(0, 10))).toEqual(files(set.slice(0, 10)));
    const days = new Set(plan.keep.map((entry) => localDayKey(entry.createdAt)));
    const weeks = new Set(plan.keep.map((entry) => localWeekKey(entry.createdAt)));
    expect(days.size).toBeGreaterThanOrEqual(7);
    expect(weeks.size).toBe(10);
    expect(plan.keep.length + plan.delete.length).toBe(set.length);
  });

  it('refuses a keepLast below 1 instead of deleting everything', () => {
    expect(() => planRetention([backup(1)], { keepLast: 0, thinDailyWeekly: false }, NOW)).toThrow(
      RangeError,
    );
  });

  it('orders ties by file name, so the plan does not depend on the listing order', () => {
    const a = { ...backup(1), file: 'a.nvbak' };
    const b = { ...backup(1), file: 'b.nvbak' };
    const one = planRetention([a, b], { keepLast: 1, thinDailyWeekly: false }, NOW);
    const two = planRetention([b, a], { keepLast: 1, thinDailyWeekly: false }, NOW);
    expect(files(one.keep)).toEqual(['b.nvbak']);
    expect(files(two.keep)).toEqual(['b.nvbak']);
  });
});

// ---- Invariants over random backup sets ----

/** mulberry32: a tiny seeded generator, so a failing set can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomSet(rand: () => number): BackupEntry[] {
  const count = Math.floor(rand() * 80);
  const spanHours = [6, 72, 24 * 20, 24 * 120][Math.floor(rand() * 4)]!;
  return Array.from({ length: count }, (_, i) => {
    const roll = rand();
    const kind: BackupKind = roll < 0.1 ? 'before-restore' : roll < 0.4 ? 'manual' : 'scheduled';
    // Some backups made in the same second, and a few from a clock that ran ahead.
    const hoursAgo = rand() < 0.05 ? -rand() * 5 : Math.floor(rand() * spanHours * 60) / 60;
    const entry = backup(hoursAgo, kind, rand() < 0.6);
    return { ...entry, file: `${entry.file}#${i}` };
  });
}

function checkInvariants(set: BackupEntry[], keepLast: number, thin: boolean, seed: number): void {
  const plan = planRetention(set, { keepLast, thinDailyWeekly: thin }, NOW);
  const keep = new Set(plan.keep);
  const context = `seed ${seed}, keepLast ${keepLast}, thin ${thin}, ${set.length} backups`;

  // A partition of the input: nothing lost, nothing duplicated.
  expect(plan.keep.length + plan.delete.length, context).toBe(set.length);
  expect(new Set([...plan.keep, ...plan.delete]).size, context).toBe(set.length);
  expect(
    plan.delete.every((entry) => !keep.has(entry)),
    context,
  ).toBe(true);

  const sorted = [...set].sort(newestFirst);
  const newestVerified = sorted.find((entry) => entry.verified);
  if (newestVerified) expect(keep.has(newestVerified), `newest verified kept (${context})`).toBe(true);
  for (const entry of set) {
    if (
      entry.kind === 'before-restore' &&
      NOW.getTime() - entry.createdAt.getTime() < SAFETY_BACKUP_DAYS * DAY_MS
    ) {
      expect(keep.has(entry), `young safety backup kept (${context})`).toBe(true);
    }
  }
  const regular = sorted.filter((entry) => entry.kind !== 'before-restore');
  for (const entry of regular.slice(0, keepLast))
    expect(keep.has(entry), `top N kept (${context})`).toBe(true);
  if (set.length > 0 && regular.length > 0) expect(plan.keep.length, context).toBeGreaterThan(0);

  // Nothing is kept without a reason (checked by brute force, independently of the implementation).
  const dayStart = startOfLocalDay(NOW, 6).getTime();
  const weekStart = startOfLocalWeek(NOW, keepLast - 1).getTime();
  const newestOf = (entry: BackupEntry, sameBucket: (other: BackupEntry) => boolean) =>
    regular.filter(sameBucket)[0] === entry;
  for (const entry of plan.keep) {
    const t = entry.createdAt.getTime();
    const reasons = [
      regular.indexOf(entry) >= 0 && regular.indexOf(entry) < keepLast,
      entry === newestVerified,
      entry.kind === 'before-restore' && NOW.getTime() - t < SAFETY_BACKUP_DAYS * DAY_MS,
      thin &&
        entry.kind !== 'before-restore' &&
        t >= dayStart &&
        newestOf(entry, (o) => localDayKey(o.createdAt) === localDayKey(entry.createdAt)),
      thin &&
        entry.kind !== 'before-restore' &&
        t >= weekStart &&
        newestOf(entry, (o) => localWeekKey(o.createdAt) === localWeekKey(entry.createdAt)),
    ];
    expect(reasons.some(Boolean), `${entry.file} kept without a reason (${context})`).toBe(true);
  }
  // With thinning, every recent day and week that had a regular backup keeps its newest one.
  if (thin) {
    for (const entry of regular) {
      const t = entry.createdAt.getTime();
      const newestOfDay = newestOf(entry, (o) => localDayKey(o.createdAt) === localDayKey(entry.createdAt));
      const newestOfWeek = newestOf(
        entry,
        (o) => localWeekKey(o.createdAt) === localWeekKey(entry.createdAt),
      );
      if (t >= dayStart && newestOfDay) expect(keep.has(entry), `daily kept (${context})`).toBe(true);
      if (t >= weekStart && newestOfWeek) expect(keep.has(entry), `weekly kept (${context})`).toBe(true);
    }
  }

  // Stable: applying the plan and planning again deletes nothing more.
  expect(planRetention(plan.keep, { keepLast, thinDailyWeekly: thin }, NOW).delete, context).toEqual([]);
  // Monotonic: a larger keepLast never deletes what a smaller one keeps.
  const larger = planRetention(set, { keepLast: keepLast + 3, thinDailyWeekly: thin }, NOW);
  const largerKeep = new Set(larger.keep);
  expect(
    plan.keep.every((entry) => largerKeep.has(entry)),
    context,
  ).toBe(true);
  // The listing order does not matter.
  const reversed = planRetention([...set].reverse(), { keepLast, thinDailyWeekly: thin }, NOW);
  expect(files(reversed.keep), context).toEqual(files(plan.keep));
}

describe('planRetention: invariants on random backup sets', () => {
  it('hold for 400 random sets with and without thinning', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const rand = random(seed);
      const set = randomSet(rand);
      const keepLast = 1 + Math.floor(rand() * 15);
      checkInvariants(set, keepLast, seed % 2 === 0, seed);
    }
  });

  it('hold when every backup is unverified or every backup is a safety backup', () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const rand = random(seed);
      const set = randomSet(rand).map((entry) =>
        seed % 2 === 0 ? { ...entry, verified: false } : { ...entry, kind: 'before-restore' as const },
      );
      checkInvariants(set, 1 + Math.floor(rand() * 5), rand() < 0.5, seed);
    }
  });
});
