/** When restore drills run (drill-service.ts; docs/backup-pipeline.md "Restore drills: when and which"). */
import type { DrillInterval } from '../../src-shared/settings';

/** A month is 30 days: drills need a steady rhythm, not calendar months. */
export const DRILL_INTERVAL_MS: Record<Exclude<DrillInterval, 'off'>, number> = {
  daily: 24 * 60 * 60_000,
  weekly: 7 * 24 * 60 * 60_000,
  monthly: 30 * 24 * 60 * 60_000,
};
/** After the app starts: let it settle, and let a missed scheduled backup go first. */
export const DRILL_START_GRACE_MS = 5 * 60_000;
/** After giving way to a person's job, or finding one running when due. */
export const RETRY_AFTER_GIVING_WAY_MS = 15 * 60_000;
/** With nothing to drill yet (no backup catalogued): look again this much later. */
export const NOTHING_TO_DRILL_RECHECK_MS = 60 * 60_000;
/** The longest single timer; beyond it the service wakes up and re-reads the clock (sleep, clock changes). */
export const DRILL_MAX_ARM_MS = 60 * 60_000;
