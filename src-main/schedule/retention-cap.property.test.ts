/**
 * Property tests of retention under a size cap and restore-drill results (issue #17): fast-check
 * generates backup sets (kinds, ages, same-second ties, sizes, verified and failed-drill flags)
 * and policies, and each property is checked against rules restated here, independently of
 * retention.ts. The seed is fixed so every run checks the same cases; a failure prints the seed
 * and the shrunk counterexample, and FC_SEED=<n> runs another sequence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BackupKind } from '../backup/format/metadata';
import type { RetentionPolicy } from '../../src-shared/settings';
import { DAY_MS, HOUR_MS } from './next-run';
import { newestFirst, planRetention, SAFETY_BACKUP_DAYS } from './retention';
import type { BackupEntry, RetentionFacts, RetentionPlan } from './retention';

const SEED = process.env.FC_SEED === undefined ? 20261206 : Number(process.env.FC_SEED);
const RUNS = 400;
const MIB = 1024 * 1024;
// Wednesday noon, local time, as in retention.test.ts.
const NOW = new Date(2026, 5, 17, 12, 0, 0);

interface Case {
  backups: BackupEntry[];
  facts: Required<RetentionFacts>;
  policy: RetentionPolicy;
}

const kind = fc.constantFrom<BackupKind>('manual', 'scheduled', 'scheduled', 'before-restore');
const backupSpec = fc.record({
  // Whole minutes over 120 days, a few from a clock that ran ahead, and a small set of shared
  // instants so ties in creation time (broken by name) come up often.
  minutesAgo: fc.oneof(
    fc.integer({ min: 0, max: 120 * 24 * 60 }),
    fc.integer({ min: -300, max: -1 }),
    fc.constantFrom(0, 60, 29 * 24 * 60, 31 * 24 * 60),
  ),
  kind,
  verified: fc.boolean(),
  failedDrill: fc.boolean(),
  size: fc.oneof(fc.integer({ min: 0, max: 400 * MIB }), fc.constant(0)),
});

const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    specs: fc.array(backupSpec, { maxLength: 40 }),
    keepLast: fc.integer({ min: 1, max: 12 }),
    thinDailyWeekly: fc.boolean(),
    capMegabytes: fc.option(fc.integer({ min: 10, max: 4000 }), { nil: null }),
  })
  .map(({ specs, keepLast, thinDailyWeekly, capMegabytes }) => {
    const backups = specs.map((spec, i) => ({
      file: `backup-${String(i).padStart(2, '0')}.nvbak`,
      createdAt: new Date(NOW.getTime() - spec.minutesAgo * 60_000),
      kind: spec.kind,
      verified: spec.verified,
    }));
    return {
      backups,
      facts: {
        sizes: new Map(specs.map((spec, i) => [backups[i]!.file, spec.size])),
        failedDrill: new Set(backups.filter((_, i) => specs[i]!.failedDrill).map((entry) => entry.file)),
      },
      policy: { keepLast, thinDailyWeekly, capMegabytes },
    };
  });

function plan(c: Case, backups = c.backups): RetentionPlan {
  return planRetention(backups, c.policy, NOW, c.facts);
}

// ---- The rules, restated ----

const failed = (c: Case, entry: BackupEntry) => c.facts.failedDrill.has(entry.file);
const sizeOf = (c: Case, entry: BackupEntry) => c.facts.sizes.get(entry.file) ?? 0;
const capBytes = (c: Case) => (c.policy.capMegabytes == null ? null : c.policy.capMegabytes * MIB);

function newestVerified(c: Case): BackupEntry | undefined {
  return [...c.backups].sort(newestFirst).find((entry) => entry.verified && !failed(c, entry));
}

function isRecentSafety(entry: BackupEntry): boolean {
  return (
    entry.kind === 'before-restore' && NOW.getTime() - entry.createdAt.getTime() < SAFETY_BACKUP_DAYS * DAY_MS
  );
}

function newestGood(c: Case): BackupEntry | undefined {
  return [...c.backups].sort(newestFirst).find((entry) => !failed(c, entry));
}

/** What the rules say must stay whatever the cap: none of it may ever be deleted. */
function mustStay(c: Case): Set<BackupEntry> {
  const protectedSet = new Set(c.backups.filter(isRecentSafety));
  const verified = newestVerified(c);
  if (verified) protectedSet.add(verified);
  return protectedSet;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const files = (entries: readonly BackupEntry[]) => entries.map((entry) => entry.file);

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>): void {
  fc.assert(property, { numRuns: RUNS, seed: SEED });
}

describe('retention under a cap: properties', () => {
  it('never deletes the newest verified backup or a before-restore backup younger than 30 days', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        const deleted = new Set(plan(c).delete);
        for (const entry of mustStay(c)) expect(deleted.has(entry), entry.file).toBe(false);
      }),
    );
  });

  it('a backup whose last drill failed is never the only kind kept while a good one exists', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        const result = plan(c);
        if (newestGood(c) === undefined || !result.keep.some((entry) => failed(c, entry))) return;
        expect(result.keep.some((entry) => !failed(c, entry))).toBe(true);
      }),
    );
  });

  it('a backup whose last drill failed does not count as the verified one', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        // Every failed backup claims to be verified: the newest good verified one must still stay.
        const claims = {
          ...c,
          backups: c.backups.map((entry) => ({ ...entry, verified: entry.verified || failed(c, entry) })),
        };
        const result = plan(claims);
        const real = newestVerified(c);
        if (real) expect(files(result.keep)).toContain(real.file);
      }),
    );
  });

  it('is under the cap after pruning unless only what must stay is left, and its figures add up', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        const result = plan(c);
        const cap = capBytes(c);
        expect(result.capBytes).toBe(cap);
        expect(result.keptBytes).toBe(sum(result.keep.map((entry) => sizeOf(c, entry))));
        expect(result.freedBytes).toBe(sum(result.delete.map((entry) => sizeOf(c, entry))));
        expect(result.overCap).toBe(cap !== null && result.keptBytes > cap);
        if (!result.overCap) return;
        // Over the cap: every backup kept is one the rules hold (or the last one, which never goes).
        const hold = mustStay(c);
        const good = newestVerified(c) === undefined ? newestGood(c) : undefined;
        if (good) hold.add(good);
        if (result.keep.length > 1)
          for (const entry of result.keep) expect(hold.has(entry), entry.file).toBe(true);
      }),
    );
  });

  it('takes the oldest first: whatever the cap deletes is older than every backup it could have taken instead', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        const uncapped = planRetention(c.backups, { ...c.policy, capMegabytes: null }, NOW, c.facts);
        const capped = plan(c);
        const cappedKeep = new Set(files(capped.keep));
        // The cap only deletes more: it never brings back what the counts let go.
        for (const entry of capped.keep) expect(files(uncapped.keep)).toContain(entry.file);
        const hold = mustStay(c);
        const takenByCap = uncapped.keep.filter((entry) => !cappedKeep.has(entry.file));
        const couldHaveGone = capped.keep.filter((entry) => !hold.has(entry));
        for (const taken of takenByCap)
          for (const stays of couldHaveGone) {
            // A stand-in for the verified backup (rule 4) is the one kept instead of an older one.
            if (newestVerified(c) === undefined && stays === newestGood(c)) continue;
            expect(newestFirst(stays, taken), `${stays.file} kept over older ${taken.file}`).toBeLessThan(0);
          }
      }),
    );
  });

  it('the cap never empties a destination the counts would keep backups in', () => {
    check(
      fc.property(caseArbitrary, (c) => {
        const uncapped = planRetention(c.backups, { ...c.policy, capMegabytes: null }, NOW, c.facts);
        if (uncapped.keep.length > 0) expect(plan(c).keep.length).toBeGreaterThan(0);
      }),
    );
  });

  it('is deterministic: the same set in any order gives the same plan', () => {
    check(
      fc.property(
        caseArbitrary.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c.backups, { minLength: c.backups.length })),
        ),
        ([c, shuffled]) => {
          const one = plan(c);
          const two = plan(c, shuffled);
          expect(files(two.keep)).toEqual(files(one.keep));
          expect(files(two.delete)).toEqual(files(one.delete));
          expect({ ...two, keep: [], delete: [] }).toEqual({ ...one, keep: [], delete: [] });
        },
      ),
    );
  });
});

describe('retention under a cap: examples', () => {
  const entry = (hoursAgo: number, name: string, kind: BackupKind = 'scheduled', verified = true) => ({
    file: name,
    createdAt: new Date(NOW.getTime() - hoursAgo * HOUR_MS),
    kind,
    verified,
  });

  it('drops the oldest until under the cap, even inside keepLast, and says what it frees', () => {
    const set = [entry(1, 'a'), entry(2, 'b'), entry(3, 'c'), entry(4, 'd')];
    const sizes = new Map(set.map((e) => [e.file, 40 * MIB]));
    const result = planRetention(set, { keepLast: 10, thinDailyWeekly: false, capMegabytes: 100 }, NOW, {
      sizes,
    });
    expect(files(result.keep)).toEqual(['a', 'b']);
    expect(files(result.delete)).toEqual(['c', 'd']);
    expect(result).toMatchObject({
      keptBytes: 80 * MIB,
      freedBytes: 80 * MIB,
      capBytes: 100 * MIB,
      overCap: false,
    });
  });

  it('keeps the newest verified backup and recent safety backups over the cap, and says overCap', () => {
    const set = [
      entry(1, 'new', 'scheduled', false),
      entry(2, 'checked'),
      entry(3, 'safety', 'before-restore'),
    ];
    const sizes = new Map(set.map((e) => [e.file, 80 * MIB]));
    const result = planRetention(set, { keepLast: 10, thinDailyWeekly: false, capMegabytes: 100 }, NOW, {
      sizes,
    });
    expect(files(result.keep)).toEqual(['checked', 'safety']);
    expect(result.overCap).toBe(true);
  });

  it('a failed drill unseats the verified backup, and a good one is kept beside a failed one', () => {
    const set = [entry(1, 'failed', 'scheduled', true), entry(2, 'good', 'scheduled', false)];
    const result = planRetention(set, { keepLast: 1, thinDailyWeekly: false }, NOW, {
      failedDrill: new Set(['failed']),
    });
    expect(files(result.keep)).toEqual(['failed', 'good']);
  });
});
