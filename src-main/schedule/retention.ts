/**
 * Which backups to keep and which to delete. Pure: applyRetention (apply-retention.ts) does the
 * listing and deleting.
 *
 * The rule, exactly:
 * 1. "Regular" backups are the manual and scheduled ones. The newest `keepLast` regular backups
 *    are kept.
 * 2. With `thinDailyWeekly`, also kept: of the regular backups, the newest one of each local
 *    calendar day from today back to 6 days ago (7 days), and the newest one of each local
 *    week (Monday to Sunday) from this week back to `keepLast - 1` weeks ago. So hourly backups
 *    with keepLast 10 keep the last 10 hours, one per day for a week, and one per week for ten
 *    weeks: at most 10 + 7 + 10 files.
 * 3. Always kept, whatever the rest says (the safety rules):
 *    - the newest backup that verified, of any kind: retention must never leave a person with
 *      only backups nobody has checked;
 *    - every before-restore safety backup younger than 30 days (it holds the notes as they were
 *      before a restore, the one thing that undoes a restore of the wrong backup).
 * 4. A backup whose last restore drill failed is not verified, whatever its record says. When no
 *    backup is verified and one that failed its drill is kept, the newest one that did not fail
 *    is kept too, as the verified one would be: a failed backup is never the only one kept.
 * 5. Under a size cap (`capMegabytes`), while the kept backups together are larger than the cap,
 *    the oldest kept one that no safety rule (3, 4) holds goes, even if rule 1 or 2 kept it; the
 *    last one kept never goes (so a destination whose backups all failed their drills keeps its
 *    newest). When what must stay is larger than the cap on its own, it all stays and the plan
 *    says `overCap`: NoteVault never deletes its last good backup to make room.
 * 6. Everything else is deleted, including before-restore backups from 30 days ago or more.
 * Days and weeks are local time (what the person sees on their clock); ties in creation time
 * are broken by file name, so the plan is deterministic.
 */
import type { BackupKind } from '../backup/format/metadata';
import type { RetentionPolicy } from '../../src-shared/settings';
import { DAY_MS } from './next-run';

export interface BackupEntry {
  file: string;
  createdAt: Date;
  kind: BackupKind;
  /** True when NoteVault verified this backup after writing it (its record says so). */
  verified: boolean;
}

/** What retention knows about the backups besides their names, keyed by `BackupEntry.file`. */
export interface RetentionFacts {
  /** Bytes of each backup on disk; needed only under a cap (a backup missing here counts 0). */
  sizes?: ReadonlyMap<string, number>;
  /** Backups whose last restore drill failed: not verified, whatever `verified` says. */
  failedDrill?: ReadonlySet<string>;
}

export interface RetentionPlan<T extends BackupEntry = BackupEntry> {
  /** Newest first. */
  keep: T[];
  /** Newest first. */
  delete: T[];
  /** Bytes of the kept backups together. */
  keptBytes: number;
  /** Bytes of the backups to delete together: what deleting them frees. */
  freedBytes: number;
  /** The policy's cap in bytes, or null without one. */
  capBytes: number | null;
  /** The backups that must be kept are larger than the cap on their own. */
  overCap: boolean;
}

export const SAFETY_BACKUP_DAYS = 30;
export const DAILY_DAYS = 7;

export function newestFirst(a: BackupEntry, b: BackupEntry): number {
  const byTime = b.createdAt.getTime() - a.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.file < b.file ? 1 : a.file > b.file ? -1 : 0;
}

/** Local midnight at the start of the day `daysBack` days before `date`'s day. */
export function startOfLocalDay(date: Date, daysBack = 0): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysBack);
  return start;
}

/** Local midnight at the start of the Monday of `date`'s week, `weeksBack` weeks earlier. */
export function startOfLocalWeek(date: Date, weeksBack = 0): Date {
  const daysSinceMonday = (date.getDay() + 6) % 7;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() - daysSinceMonday - 7 * weeksBack);
}

export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function localWeekKey(date: Date): string {
  return localDayKey(startOfLocalWeek(date));
}

/** Keeps the first (newest) entry per key among entries at or after `since`. */
function newestPerPeriod<T extends BackupEntry>(
  sorted: readonly T[],
  since: Date,
  key: (date: Date) => string,
  keep: Set<T>,
): void {
  const seen = new Set<string>();
  for (const entry of sorted) {
    if (entry.createdAt.getTime() < since.getTime()) continue;
    const k = key(entry.createdAt);
    if (seen.has(k)) continue;
    seen.add(k);
    keep.add(entry);
  }
}

/** A destination's cap in bytes (megabytes of 1024 x 1024 bytes, as the history's cap), or null. */
export function retentionCapBytes(policy: RetentionPolicy): number | null {
  return policy.capMegabytes === undefined || policy.capMegabytes === null
    ? null
    : policy.capMegabytes * 1024 * 1024;
}

export function planRetention<T extends BackupEntry>(
  backups: readonly T[],
  policy: RetentionPolicy,
  now: Date,
  facts: RetentionFacts = {},
): RetentionPlan<T> {
  if (!Number.isInteger(policy.keepLast) || policy.keepLast < 1) {
    // Settings are validated long before this; a zero here would delete every backup.
    throw new RangeError(`keepLast must be a whole number of at least 1; got ${policy.keepLast}.`);
  }
  const failed = (entry: T) => facts.failedDrill?.has(entry.file) === true;
  const sizeOf = (entry: T) => facts.sizes?.get(entry.file) ?? 0;
  const sorted = [...backups].sort(newestFirst);
  const regular = sorted.filter((entry) => entry.kind !== 'before-restore');
  const keep = new Set<T>(regular.slice(0, policy.keepLast));

  if (policy.thinDailyWeekly) {
    newestPerPeriod(regular, startOfLocalDay(now, DAILY_DAYS - 1), localDayKey, keep);
    newestPerPeriod(regular, startOfLocalWeek(now, policy.keepLast - 1), localWeekKey, keep);
  }

  // The safety rules: what neither the counts nor the cap may take away.
  const protect = new Set<T>();
  const newestVerified = sorted.find((entry) => entry.verified && !failed(entry));
  if (newestVerified) protect.add(newestVerified);
  const safetyCutoff = now.getTime() - SAFETY_BACKUP_DAYS * DAY_MS;
  for (const entry of sorted) {
    if (entry.kind === 'before-restore' && entry.createdAt.getTime() > safetyCutoff) protect.add(entry);
  }
  for (const entry of protect) keep.add(entry);
  const capBytes = retentionCapBytes(policy);
  // The newest verified backup, when there is one, is itself a good one kept beside any failed one.
  if (!newestVerified && [...keep].some(failed)) {
    const standIn = sorted.find((entry) => !failed(entry));
    if (standIn) {
      protect.add(standIn);
      keep.add(standIn);
    }
  }

  let keptBytes = sum([...keep].map(sizeOf));
  if (capBytes !== null) {
    // Oldest first; never the last kept backup, whatever its size (even with none verified).
    for (let i = sorted.length - 1; i >= 0 && keptBytes > capBytes && keep.size > 1; i--) {
      const entry = sorted[i]!;
      if (!keep.has(entry) || protect.has(entry)) continue;
      keep.delete(entry);
      keptBytes -= sizeOf(entry);
    }
  }

  const kept = sorted.filter((entry) => keep.has(entry));
  const deleted = sorted.filter((entry) => !keep.has(entry));
  return {
    keep: kept,
    delete: deleted,
    keptBytes,
    freedBytes: sum(deleted.map(sizeOf)),
    capBytes,
    overCap: capBytes !== null && keptBytes > capBytes,
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
