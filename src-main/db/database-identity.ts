import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from './schema-constants';

/** What decides whether NoteVault may open (and upgrade) a SQLite file. */
export interface DatabaseIdentity {
  applicationId: number;
  userVersion: number;
  /** True when sqlite_schema has no entries at all: a brand-new database. */
  schemaIsEmpty: boolean;
}

/** Reads the identity through an open connection, so pages still in the -wal count. */
export function readDatabaseIdentity(db: Database.Database): DatabaseIdentity {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const userVersion = db.pragma('user_version', { simple: true }) as number;
  const schemaEntries = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
  return { applicationId, userVersion, schemaIsEmpty: schemaEntries === 0 };
}

/**
 * Refuses files NoteVault must not touch. application_id 0 alone does not make a file
 * ours: every SQLite database starts with 0, so only an empty one may receive our schema.
 */
export function assertNoteVaultIdentity(identity: DatabaseIdentity, file: string): void {
  const { applicationId, userVersion, schemaIsEmpty } = identity;
  const isFresh = applicationId === 0 && schemaIsEmpty;
  if (applicationId !== NOTEVAULT_APPLICATION_ID && !isFresh) {
    throw new NoteVaultError(
      'DB_FOREIGN',
      `${file} is a SQLite database that belongs to another program (application id ${formatApplicationId(applicationId)}), ` +
        'not a NoteVault notes database. NoteVault left it unchanged; choose a different file.',
    );
  }
  if (userVersion < 0) {
    throw new NoteVaultError(
      'DB_CORRUPT',
      `${file} has an impossible schema version (${userVersion}). Restore it from a backup.`,
    );
  }
  if (userVersion > LATEST_SCHEMA_VERSION) {
    throw new NoteVaultError(
      'DB_NEWER_SCHEMA',
      `${file} uses notes database schema version ${userVersion}, but this NoteVault only knows versions up to ` +
        `${LATEST_SCHEMA_VERSION}. It was written by a newer NoteVault: update NoteVault to open it. The file was left unchanged.`,
    );
  }
}

function formatApplicationId(id: number): string {
  return `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
}
