import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../db/database-errors';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from '../db/schema-constants';
import { limitPageCache } from './page-cache';

/** What the pipeline learns about a plaintext notes database (a snapshot or a decrypted backup). */
export interface NotesDatabaseFacts {
  /** Every row of the notes table, trashed notes included: what a restore brings back. */
  noteCount: number;
  schemaVersion: number;
}

/** Names the database in messages, e.g. `the backup "C:\...\x.nvbak"`, and says what to do. */
export interface CheckSubject {
  label: string;
  advice: string;
}

/**
 * Opens a plaintext copy of a notes database: a file in a private temp folder, or bytes that
 * never touch the disk (better-sqlite3 deserializes a Buffer into an in-memory database).
 * temp_store=MEMORY keeps SQLite's own scratch data (sorter spills, VACUUM's temporary
 * database) out of the system temp folder, where nothing would wipe it. The page cache is
 * kept small (page-cache.ts).
 */
export function openPlaintextDatabase(
  source: string | Buffer,
  options: { readonly?: boolean; nativeBinding?: string } = {},
): Database.Database {
  const label = typeof source === 'string' ? source : 'the in-memory copy of the notes database';
  try {
    if (Buffer.isBuffer(source)) markRollbackJournal(source);
    const db =
      typeof source === 'string'
        ? new Database(source, {
            readonly: options.readonly ?? false,
            fileMustExist: true,
            nativeBinding: options.nativeBinding,
          })
        : new Database(source, { nativeBinding: options.nativeBinding });
    db.pragma('temp_store = MEMORY');
    // The file may be anyone's (a decrypted backup): its schema's views and triggers may not
    // call functions with side effects, and damaged cells are caught when read. better-sqlite3
    // opens every connection in SQLite's defensive mode already (no writable_schema edits).
    db.pragma('trusted_schema = OFF');
    db.pragma('cell_size_check = ON');
    try {
      limitPageCache(db);
    } catch (cause) {
      // The pragma reads the schema, so bytes that are not a readable database already fail
      // here; checkNotesDatabase's first query reports that with the backup's name and advice.
      if (!(cause instanceof Database.SqliteError)) throw cause;
    }
    return db;
  } catch (cause) {
    throw toNoteVaultError(cause, label);
  }
}

/**
 * An in-memory database cannot use a write-ahead log, and SQLite refuses to open an image
 * whose header says it does (bytes 18-19 = 2). The image is ours, so it is switched to the
 * rollback journal, which changes nothing else in the file.
 */
function markRollbackJournal(image: Buffer): void {
  if (image.length >= 100 && image[18] === 2 && image[19] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
}

/**
 * Everything that must hold before a database is encrypted or restored, cheapest first:
 * it is SQLite, it is NoteVault's (application id and a notes table), its schema is one we
 * can open or migrate, and SQLite finds no damage in it.
 */
export function checkNotesDatabase(db: Database.Database, subject: CheckSubject): NotesDatabaseFacts {
  const { label, advice } = subject;
  try {
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    if (applicationId !== NOTEVAULT_APPLICATION_ID) {
      throw new NoteVaultError(
        'DB_FOREIGN',
        `${capitalise(label)} holds a SQLite database of another program (application id ` +
          `0x${(applicationId >>> 0).toString(16).padStart(8, '0')}), not NoteVault notes. Nothing was changed. ${advice}`,
      );
    }
    const hasNotes = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'notes'").get();
    if (hasNotes === undefined) {
      throw new NoteVaultError(
        'DB_FOREIGN',
        `${capitalise(label)} holds a SQLite database without a notes table, so it is not a NoteVault notes ` +
          `database. Nothing was changed. ${advice}`,
      );
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion < 1 || schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new NoteVaultError(
        schemaVersion > LATEST_SCHEMA_VERSION ? 'DB_NEWER_SCHEMA' : 'DB_CORRUPT',
        schemaVersion > LATEST_SCHEMA_VERSION
          ? `${capitalise(label)} holds notes schema version ${schemaVersion}, made by a newer NoteVault; this one ` +
              `knows versions up to ${LATEST_SCHEMA_VERSION}. Update NoteVault to use it. Nothing was changed.`
          : `${capitalise(label)} holds an impossible notes schema version (${schemaVersion}). ${advice}`,
      );
    }
    const problems = db.pragma('integrity_check(5)', { simple: false }) as { integrity_check: string }[];
    const findings = problems.map((row) => row.integrity_check);
    if (findings.length !== 1 || findings[0] !== 'ok') {
      throw new NoteVaultError(
        'DB_CORRUPT',
        `${capitalise(label)} holds a damaged notes database (SQLite integrity check: ${summarise(findings)}). ${advice}`,
      );
    }
    const noteCount = db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
    return { noteCount, schemaVersion };
  } catch (cause) {
    if (cause instanceof NoteVaultError) throw cause;
    const code = (cause as { code?: unknown }).code;
    if (code === 'SQLITE_NOTADB') {
      throw new NoteVaultError(
        'DB_NOT_SQLITE',
        `${capitalise(label)} does not hold a SQLite database, so it holds no NoteVault notes. ${advice}`,
        { cause },
      );
    }
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) {
      // E.g. a header that claims more pages than the file holds: said like the integrity check's findings.
      throw new NoteVaultError(
        'DB_CORRUPT',
        `${capitalise(label)} holds a damaged notes database (${(cause as Error).message}). ${advice}`,
        { cause },
      );
    }
    throw toNoteVaultError(cause, label);
  }
}

/**
 * SHA-256 over every row of the notes table in rowid order: two databases with the same
 * digest hold the same notes, whatever their page layout. Used to prove that a restore
 * really replaced the live content. `columns` (quoted names) limits it to the columns a
 * restore copies; by default every column counts.
 */
export function notesDigest(
  db: Database.Database,
  columns: readonly string[] = ['*'],
): { noteCount: number; sha256: string } {
  const hash = createHash('sha256');
  let noteCount = 0;
  for (const row of db
    .prepare(`SELECT ${columns.join(', ')} FROM notes ORDER BY rowid`)
    .raw()
    .iterate()) {
    hash.update(JSON.stringify(row));
    hash.update('\n');
    noteCount++;
  }
  return { noteCount, sha256: hash.digest('hex') };
}

/** SQLite's findings are multi-line and may be long; a message needs one short line. */
function summarise(findings: string[]): string {
  const text = findings.join('; ').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}...` : text;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
