import type Database from 'better-sqlite3';

/** SQLite's cache_size in KiB when negative: 2 MiB of page cache per connection. */
export const PIPELINE_CACHE_SIZE_KIB = 2048;

/**
 * better-sqlite3 is compiled with a 16 MB page cache per connection (SQLITE_DEFAULT_CACHE_SIZE
 * = -16000), and VACUUM INTO gives its target database the cache size of the source, so one
 * snapshot could hold twice that in pages it reads once and never again. The pipeline only
 * streams through these databases (copy, check, count), which gains nothing from a large
 * cache, and the job must stay within its memory budget whatever the database's size.
 */
export function limitPageCache(db: Database.Database): void {
  db.pragma(`cache_size = -${PIPELINE_CACHE_SIZE_KIB}`);
}
