import type Database from 'better-sqlite3';
import { refillTagNoteCounts, TAG_NOTE_COUNTS_TABLE } from './tag-note-counts';

/**
 * Ordinary tables whose rows are computed from the user's data, kept in step by triggers. A
 * restore or browse never copies them out of a backup (a backup may be hostile, and a wrong
 * count would then stay wrong), but refills each once the user data is in, with the triggers
 * back (backup/rebuild-user-data.ts). A migration that adds one lists it here.
 */
export const DERIVED_TABLES: readonly { name: string; refill: (db: Database.Database) => void }[] = [
  { name: TAG_NOTE_COUNTS_TABLE, refill: refillTagNoteCounts },
];

/** Refills every derived table the schema of `db` has (an older version may lack some). */
export function refillDerivedTables(db: Database.Database): void {
  for (const { name, refill } of DERIVED_TABLES) {
    const present = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
    if (present !== undefined) refill(db);
  }
}
