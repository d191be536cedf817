import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from './database-errors';
import { readDatabaseIdentity } from './database-identity';
import type { DatabaseIdentity } from './database-identity';

export type InspectedFile =
  { state: 'missing' } | { state: 'empty' } | { state: 'sqlite'; identity: DatabaseIdentity };

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** The 100-byte database header plus the first 8 bytes of page 1's b-tree header. */
const BYTES_NEEDED = 108;

/**
 * Looks at a database file without opening it read-write, so a file we refuse stays
 * byte-identical and gains no -wal/-shm/-journal companions.
 *
 * Two sources, chosen per file:
 * - Normally the raw header. When no -wal file holds pages, page 1 on disk is the current
 *   one, so application_id (offset 68) and user_version (offset 60) are exact. Reading
 *   bytes takes no lock and creates nothing, which matters because a read-only SQLite
 *   connection to a WAL-mode file creates -wal and -shm and, being read-only, cannot
 *   delete them again.
 * - When a non-empty -wal exists, the header may be stale (the newest page 1 can live in
 *   the WAL), so a read-only SQLite connection reads the identity; the companions exist
 *   already, so nothing new is left behind.
 */
export function inspectDatabaseFile(file: string, nativeBinding?: string): InspectedFile {
  try {
    const stat = statOrUndefined(file);
    if (stat === undefined) return { state: 'missing' };
    if (stat.isDirectory()) {
      throw new NoteVaultError(
        'IO',
        `${file} is a folder, not a notes database file. Choose a file inside it.`,
      );
    }
    if (stat.size === 0) return { state: 'empty' };

    const head = readHead(file);
    if (head.length < SQLITE_MAGIC.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
      throw new NoteVaultError(
        'DB_NOT_SQLITE',
        `${file} is not a SQLite database, so it cannot be a NoteVault notes file. It was left unchanged.`,
      );
    }
    if (hasWalFrames(file)) return { state: 'sqlite', identity: identityViaSqlite(file, nativeBinding) };
    return { state: 'sqlite', identity: identityFromHeader(head, file) };
  } catch (err) {
    throw toNoteVaultError(err, file);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  return fs.statSync(file, { throwIfNoEntry: false });
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(BYTES_NEEDED);
    const read = fs.readSync(fd, head, 0, BYTES_NEEDED, 0);
    return head.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

function hasWalFrames(file: string): boolean {
  return (statOrUndefined(`${file}-wal`)?.size ?? 0) > 0;
}

function identityFromHeader(head: Buffer, file: string): DatabaseIdentity {
  if (head.length < BYTES_NEEDED) {
    throw new NoteVaultError(
      'DB_CORRUPT',
      `${file} starts like a SQLite database but is cut short (${head.length} bytes). Restore it from a backup.`,
    );
  }
  // Page 1 holds the sqlite_schema table. A leaf page (type 0x0D) with zero cells means
  // the database has no tables, indexes, views or triggers yet.
  const pageType = head.readUInt8(100);
  const cellCount = head.readUInt16BE(103);
  // Signed reads, because SQLite reports both PRAGMAs as signed 32-bit integers.
  return {
    applicationId: head.readInt32BE(68),
    userVersion: head.readInt32BE(60),
    schemaIsEmpty: pageType === 0x0d && cellCount === 0,
  };
}

function identityViaSqlite(file: string, nativeBinding?: string): DatabaseIdentity {
  const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    return readDatabaseIdentity(db);
  } finally {
    db.close();
  }
}
