/**
 * Plaintext up to this size stays in memory (snapshot, verification, restore) and never
 * touches the disk; above it the pipeline uses files in private temp folders and wipes them.
 *
 * The limit is the size up to which issue #11's memory target holds: peak growth at most two
 * databases beyond the file route's growth, which does not grow with the database. The
 * in-memory route holds two copies at a time, a restore over existing notes more (the decrypted
 * backup stays open while their safety backup is made), so its growth outruns the target as the
 * database grows. `npm run bench` on Node 22, restore over notes (the tightest job), 2-core VM,
 * worst of 2-3 runs: 15-16 MiB 82-85 MiB against 91-94 allowed (every job passes by 6 MiB or
 * more), 24 MiB 110-112 against 111-114 (too close to the run-to-run spread to rely on),
 * 32 MiB 135 against 131, 62 MiB 227-267 against about 190. Node 20 cannot release a buffer
 * before the collector does (release-buffer.ts): there a restore over notes misses the target
 * at every size measured, 4 MiB included, so no limit above 0 meets it; the supported runtimes
 * (Node 22.12+, Electron 45) can. docs/backup-pipeline.md has the figures.
 */
export const IN_MEMORY_LIMIT = 16 * 1024 * 1024;

export function fitsInMemory(size: number, limit: number | undefined): boolean {
  return size <= (limit ?? IN_MEMORY_LIMIT);
}
