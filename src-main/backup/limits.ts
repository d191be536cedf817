/**
 * Plaintext up to this size stays in memory (snapshot, verification, restore) and never
 * touches the disk; above it the pipeline uses files in private temp folders and wipes them.
 * The in-memory route holds at most two copies at a time (memory-snapshot.ts, decrypt-backup.ts;
 * a restore over existing notes three, with their safety backup), so 64 MiB of database costs
 * about 128 MiB at peak beside the job's fixed memory, which the short-lived job worker gives
 * back when it exits. docs/backup-pipeline.md has the measurements.
 */
export const IN_MEMORY_LIMIT = 64 * 1024 * 1024;

export function fitsInMemory(size: number, limit: number | undefined): boolean {
  return size <= (limit ?? IN_MEMORY_LIMIT);
}
