/**
 * Which backups a restore drill tests (docs/backup-pipeline.md, "Restore drills: when and
 * which"): in each destination the newest backup there, because it is the one a restore would
 * use, and one older backup chosen at random, so over many drills every kept backup gets tested
 * without testing them all each time (restic's `check --read-data-subset` idea at file level).
 *
 * Only copies the catalogue holds as verified in that destination count: a copy still pending,
 * failed or on a missing drive is not there to test. An unattended drill (the schedule, the
 * headless run) has only the device key, so it takes only backups that key opens.
 */
import type { BackupDestination } from '../../src-shared/settings';
import type { CatalogueEntry } from '../settings/backup-catalogue';

export interface DrillTarget {
  destinationId: string;
  /** The destination's folder; the file is `name` inside it. */
  folder: string;
  name: string;
  entry: CatalogueEntry;
}

export interface PickOptions {
  /** Only backups the device key opens. */
  unattended: boolean;
  /** In [0, 1), as Math.random (the default); tests pass their own. */
  random?: () => number;
}

/** The newest and one random older backup per destination, destinations in the order given. */
export function pickDrillTargets(
  entries: readonly CatalogueEntry[],
  destinations: readonly Pick<BackupDestination, 'id' | 'folder'>[],
  options: PickOptions,
): DrillTarget[] {
  const random = options.random ?? Math.random;
  const newestFirst = [...entries].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const targets: DrillTarget[] = [];
  for (const destination of destinations) {
    const present = newestFirst.filter(
      (entry) =>
        entry.copies[destination.id]?.state === 'verified' && (!options.unattended || entry.openWithDevice),
    );
    const [newest, ...older] = present;
    if (newest === undefined) continue;
    const target = (entry: CatalogueEntry) => ({
      destinationId: destination.id,
      folder: destination.folder,
      name: entry.name,
      entry,
    });
    targets.push(target(newest));
    if (older.length > 0) {
      // Clamped: a random source returning 1 (outside its contract) still picks the oldest.
      const index = Math.min(older.length - 1, Math.floor(random() * older.length));
      targets.push(target(older[index] as CatalogueEntry));
    }
  }
  return targets;
}
