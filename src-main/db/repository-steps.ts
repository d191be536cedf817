import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from './database-errors';

/**
 * The steps every repository over the notes database shares, in one place: how a failure of
 * SQLite reaches a person, how a read-check-write step takes the lock, and what a clock must say.
 */

/** Runs `step`, turning SQLite's errors into NoteVaultErrors that name the database. */
export function guarded<T>(db: Database.Database, step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw toNoteVaultError(err, db.name);
  }
}

/** Read-check-write steps take the write lock up front (IMMEDIATE) so they never race. */
export function immediateWrite<T>(db: Database.Database, step: () => T): T {
  return guarded(db, () => db.transaction(step).immediate());
}

/** The time from `clock`, which must be whole milliseconds since the epoch. */
export function readClock(clock: () => number): number {
  const now = clock();
  if (!Number.isSafeInteger(now))
    throw new NoteVaultError('INTERNAL', `The clock returned ${now}, not whole milliseconds.`);
  return now;
}
