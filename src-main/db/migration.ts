import type Database from 'better-sqlite3';

/**
 * One forward-only schema step. `version` is the `PRAGMA user_version` the database has
 * after `up` ran; the runner applies `up` and sets that version in one transaction, so a
 * crash leaves the database at the previous version, never half-way.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
