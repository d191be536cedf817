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
 * 4. Everything else is deleted, including before-restore backups from 30 days ago or more.
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

export interface RetentionPlan<T extends BackupEntry = BackupEntry> {
  /** Newest first. */
  keep: T[];
  /** Newest first. */
  delete: T[];
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

export function planRetention<T extends BackupEntry>(
  backups: readonly T[],
  policy: RetentionPolicy,
  now: Date,
): RetentionPlan<T> {
  if (!Number.isInteger(policy.keepLast) || policy.keepLast < 1) {
    // Settings are validated long before this; a zero here would delete every backup.
    throw new RangeError(`keepLast must be a whole number of at least 1; got ${policy.keepLast}.`);
  }
  const sorted = [...backups].sort(newestFirst);
  const regular = sorted.filter((entry) => entry.kind !== 'before-restore');
  const keep = new Set<T>(regular.slice(0, policy.keepLast));

  if (policy.thinDailyWeekly) {
    newestPerPeriod(regular, startOfLocalDay(now, DAILY_DAYS - 1), localDayKey, keep);
    newestPerPeriod(regular, startOfLocalWeek(now, policy.keepLast - 1), localWeekKey, keep);
  }

  const newestVerified = sorted.find((entry) => entry.verified);
  if (newestVerified) keep.add(newestVerified);
  const safetyCutoff = now.getTime() - SAFETY_BACKUP_DAYS * DAY_MS;
  for (const entry of sorted) {
    if (entry.kind === 'before-restore' && entry.createdAt.getTime() > safetyCutoff) keep.add(entry);
  }

  return {
    keep: sorted.filter((entry) => keep.has(entry)),
    delete: sorted.filter((entry) => !keep.has(entry)),
  };
}
