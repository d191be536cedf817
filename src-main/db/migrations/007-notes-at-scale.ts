import type Database from 'better-sqlite3';
import type { Migration } from '../migration';

/** The list's sort keys, as note-list-queries.ts orders by them. */
const SORT_KEYS = { updated: 'updated_at', created: 'created_at', title: 'title COLLATE NOCASE' };

/**
 * Indexes and search for vaults of 100,000 notes (the bench's notes at scale, bench/measure-scale.mjs).
 *
 * List order. A page is `ORDER BY pinned DESC, <key> <direction>, seq <direction>`; the rowid
 * (seq) ends every index, so it breaks ties in the direction the index is read. 001's indexes,
 * (trashed_at, pinned, key), serve the live notes read backwards (descending) and count both
 * views, but no index gave pinned DESC with an ascending key, so "title A-Z" sorted every live
 * note for each page (2.5 s a page at 100,000 notes), and the trash, a range of trashed_at, was
 * sorted for every page in any order. Added: (trashed_at, pinned DESC, key) for the live notes
 * ascending, and for the trash (pinned, key) and (pinned DESC, key), partial (trashed notes only)
 * so the view's condition needs no column of them and they stay small.
 *
 * Search while typing uses a prefix index, which 006 declares with the index itself (an
 * upgrade then builds the index once).
 */
function up(db: Database.Database): void {
  for (const [name, key] of Object.entries(SORT_KEYS)) {
    db.exec(`
      CREATE INDEX live_notes_by_${name}_asc ON notes (trashed_at, pinned DESC, ${key}) WHERE trashed_at IS NULL;
      CREATE INDEX trashed_notes_by_${name}_desc ON notes (pinned, ${key}) WHERE trashed_at IS NOT NULL;
      CREATE INDEX trashed_notes_by_${name}_asc ON notes (pinned DESC, ${key}) WHERE trashed_at IS NOT NULL;
    `);
  }
}

export const notesAtScaleMigration: Migration = { version: 7, name: 'notes at scale', up };
