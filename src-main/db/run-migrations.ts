import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { MIGRATIONS } from './migrations';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from './schema-constants';

/**
 * Brings an open, writable database up to `targetVersion` (the latest by default; tests
 * pass a lower one to build databases exactly as older NoteVault versions left them).
 *
 * Each migration runs in its own IMMEDIATE transaction together with the user_version
 * bump, so an interrupted upgrade resumes at the first step that did not commit. A restore
 * runs them inside its own held transaction (replace-database.ts), where they become
 * savepoints: a migration must therefore not rely on statements SQLite ignores or refuses
 * inside a transaction (PRAGMA foreign_keys, journal_mode, VACUUM). The
 * version is re-read inside the transaction because another NoteVault process (the CLI
 * next to the app) may have upgraded the file since we looked.
 */
export function applyMigrations(db: Database.Database, targetVersion: number = LATEST_SCHEMA_VERSION): void {
  if (!Number.isInteger(targetVersion) || targetVersion < 0 || targetVersion > LATEST_SCHEMA_VERSION) {
    throw new NoteVaultError(
      'INTERNAL',
      `Cannot migrate to schema version ${targetVersion}: versions run from 0 to ${LATEST_SCHEMA_VERSION}.`,
    );
  }
  for (const migration of MIGRATIONS) {
    if (migration.version > targetVersion) break;
    db.transaction(() => {
      if (currentVersion(db) >= migration.version) return;
      // Stamped together with the first schema change: a crash can never leave our
      // tables in a file that does not say it is ours.
      if (db.pragma('application_id', { simple: true }) === 0) {
        db.pragma(`application_id = ${NOTEVAULT_APPLICATION_ID}`);
      }
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}

function currentVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
