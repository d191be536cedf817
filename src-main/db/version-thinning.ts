/**
 * Which kept versions of a note thinning removes: every version of the last day stays, then
 * the newest of each hour for a week, of each day for a month, of each week after that. Pure:
 * the repository feeds it one note's versions and a clock (note-versions-repository.ts).
 *
 * Buckets are fixed slices of time counted from the epoch (UTC), not from `now`, so a version
 * kept today is still kept tomorrow unless a newer one shares its (larger) bucket: thinning
 * twice, or later, never removes a version the first run kept for a reason still true. Each
 * day lies inside one week bucket and each hour inside one day, so the newest of a week was
 * also the newest of its day and of its hour.
 */

export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;
/** Under a day old: all kept. Under a week: hourly. Under a month: daily. Older: weekly. */
export const THINNING_TIERS = [
  { youngerThan: DAY_MS, bucket: 0 },
  { youngerThan: WEEK_MS, bucket: HOUR_MS },
  { youngerThan: 30 * DAY_MS, bucket: DAY_MS },
  { youngerThan: Infinity, bucket: WEEK_MS },
] as const;

export interface KeptVersion {
  seq: number;
  savedAt: number;
}

/** The seqs of `versions` (one note's) that thinning removes at time `now`. */
export function versionsToThin(versions: readonly KeptVersion[], now: number): number[] {
  // Newest first, so the first version seen in a bucket is the one it keeps.
  const newestFirst = [...versions].sort((a, b) => b.savedAt - a.savedAt || b.seq - a.seq);
  const seen = new Set<string>();
  const thinned: number[] = [];
  for (const version of newestFirst) {
    const age = now - version.savedAt;
    const tier = THINNING_TIERS.findIndex((t) => age < t.youngerThan);
    const size = THINNING_TIERS[tier]?.bucket ?? 0;
    // A version from the future (the clock was set back) counts as new: kept.
    if (size === 0) continue;
    const bucket = `${tier}:${Math.floor(version.savedAt / size)}`;
    if (seen.has(bucket)) thinned.push(version.seq);
    else seen.add(bucket);
  }
  return thinned;
}
