/**
 * Which backups a restore drill tests (docs/backup-pipeline.md, "Restore drills: when and
 * which"): in each destination the newest backup there, because it is the one a restore would
 * use, and one older backup chosen at random, so over many drills every kept backup gets tested
 * without testing them all each time (restic's `check --read-data-subset` idea at file level).
 *
 * Only copies the catalogue holds as verified in that destination and whose file is in its folder
 * now count: a copy still pending, failed or on a missing drive is not there to test, and neither
 * is one the person or another program removed (the catalogue remembers what NoteVault wrote, not
 * what is still there; a file missing at pick time is not a failed drill). A destination with no
 * listing (its folder cannot be reached) is skipped. An unattended drill (the schedule, the
 * headless run) has only the device key, so it takes only backups that key opens.
 */
import type { BackupDestination } from '../../src-shared/settings';
import type { CatalogueEntry } from '../settings/backup-catalogue';
import type { FolderListing } from './folder-presence';

export interface DrillTarget {
  destinationId: string;
  /** The destination's folder; the file is `name` inside it. */
  folder: string;
  name: string;
  entry: CatalogueEntry;
  /**
   * The folder as the run listed it, so a file gone since is told from a drive pulled since
   * (without it, as for a single drill outside a run, the folder's device is not compared).
   */
  listing?: FolderListing;
}

export interface PickOptions {
  /** Only backups the device key opens. */
  unattended: boolean;
  /** Each reachable destination's folder as listed now, by destination id; absent: unreachable. */
  listings: ReadonlyMap<string, FolderListing>;
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
    const listing = options.listings.get(destination.id);
    if (listing === undefined) continue;
    const present = newestFirst.filter(
      (entry) =>
        entry.copies[destination.id]?.state === 'verified' &&
        listing.names.has(entry.name) &&
        (!options.unattended || entry.openWithDevice),
    );
    const [newest, ...older] = present;
    if (newest === undefined) continue;
    const target = (entry: CatalogueEntry) => ({
      destinationId: destination.id,
      folder: destination.folder,
      name: entry.name,
      entry,
      listing,
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
