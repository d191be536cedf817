/**
 * Plaintext up to this size stays in memory (snapshot, verification, restore) and never
 * touches the disk; above it the pipeline uses files in private temp folders and wipes them.
 * The in-memory snapshot briefly holds about four copies (serialized image, SQLite's copy,
 * VACUUM's rebuild, the result), so 64 MiB of database costs roughly 256 MiB at peak, which
 * the short-lived job worker gives back when it exits.
 */
export const IN_MEMORY_LIMIT = 64 * 1024 * 1024;

export function fitsInMemory(size: number, limit: number | undefined): boolean {
  return size <= (limit ?? IN_MEMORY_LIMIT);
}
