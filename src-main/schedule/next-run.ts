/**
 * When the next scheduled backup is due. Pure: the time zone is the process's (process.env.TZ
 * or the system's), exactly what the person sees on their clock.
 *
 * Decisions:
 * - The next run follows the last SUCCESSFUL backup of any kind, not a fixed grid: a manual
 *   backup at 10:00 satisfies a daily schedule until 10:00 tomorrow, and after a week switched
 *   off, a laptop makes one catch-up backup and continues from there, never a burst of missed
 *   ones. The price is drift: after a catch-up at 14:00, "daily" means about 14:00 from then on.
 * - 'hourly' is 60 minutes of elapsed time. 'daily' and 'weekly' are calendar days at the same
 *   local wall-clock time: a person who backs up "every day at about 9" expects 9:00 after the
 *   clocks change, so across a daylight-saving change the gap is 23 or 25 hours, not 24.
 *   A wall time that does not exist on the target day (02:30 on a spring-forward night) becomes
 *   the time one gap-length later (03:30), and a wall time that occurs twice (02:30 on a
 *   fall-back night) is the first of the two: both are what JavaScript's Date does by spec.
 * - A last success in the future (the clock was set back, or the backup came from a machine
 *   with a wrong clock) counts as "now", so a wrong clock cannot switch backups off for days.
 */
import type { ScheduleInterval } from '../../src-shared/settings';

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

/** The time one interval after `from` (epoch milliseconds); see the module comment for the rules. */
export function addInterval(from: number, interval: Exclude<ScheduleInterval, 'off'>): number {
  if (interval === 'hourly') return from + HOUR_MS;
  const date = new Date(from);
  // setDate keeps the local wall-clock time and lets Date handle month ends and DST.
  date.setDate(date.getDate() + (interval === 'daily' ? 1 : 7));
  return date.getTime();
}

/** A generous upper bound of one interval, for deciding how stale "stale" is. */
export function nominalIntervalMs(interval: Exclude<ScheduleInterval, 'off'>): number {
  return interval === 'hourly' ? HOUR_MS : interval === 'daily' ? DAY_MS : 7 * DAY_MS;
}

/**
 * When the next scheduled backup should run: null when scheduling is off, `now` when one is
 * due (never backed up, or one or more runs were missed), otherwise a time in the future.
 */
export function nextRunAt(lastSuccess: Date | null, interval: ScheduleInterval, now: Date): Date | null {
  if (interval === 'off') return null;
  if (lastSuccess === null) return new Date(now.getTime());
  const base = Math.min(lastSuccess.getTime(), now.getTime());
  const due = addInterval(base, interval);
  return new Date(Math.max(due, now.getTime()));
}
