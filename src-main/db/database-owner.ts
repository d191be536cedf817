/**
 * Which NoteVault program is using a notes database: the app for as long as it runs, the
 * command-line tool for as long as it restores. SQLite's own lock already keeps every other
 * writer out of a restore (replace-database.ts); this record is what lets each side say who
 * is in the way, and lets a command-line restore refuse up front instead of replacing the
 * notes under an app that has them open.
 *
 * The record is a small SQLite database beside the notes, `<database>-owner`, holding one row
 * (program and process). Its owner keeps a write transaction open on it for as long as it
 * claims the database; that lock, not the row, says whether the owner still runs: the system
 * releases it when the process ends, however it ends, so a crash never locks the database out
 * and a reused process id (Windows has no process start times) never keeps it locked. Others
 * can still read the row while the lock is held, to name the owner.
 */
import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { createPrivateFileSync } from '../fsx/private-modes';
import { currentOwner } from '../fsx/private-temp-owner';
import type { TempDirOwner } from '../fsx/private-temp-owner';
import { sameProcess } from '../fsx/sweep-owner-check';
import { toNoteVaultError } from './database-errors';

export type DatabaseProgram = 'app' | 'cli';

export interface DatabaseOwner {
  program: DatabaseProgram;
  process: TempDirOwner;
}

export interface DatabaseClaim {
  /** Gives the database up: ends the lock and removes the record. Synchronous, for quitting. */
  release(): void;
}

export function ownerRecordPath(databasePath: string): string {
  return `${databasePath}-owner`;
}

/**
 * Throws FILE_LOCKED, naming the program, when another running NoteVault program has the
 * database; returns when nobody does, or only this process (the app's own restore worker).
 */
export function assertNotUsedElsewhere(databasePath: string, nativeBinding?: string): void {
  const probe = openRecord(databasePath, nativeBinding, false);
  if (probe === undefined) return;
  try {
    const owner = readOwner(probe);
    if (owner !== undefined && sameProcess(owner.process, currentOwner())) return;
    const state = tryLock(probe, databasePath);
    if (state === 'taken') probe.exec('ROLLBACK');
    if (state === 'held-elsewhere') throw inUseError(owner, databasePath);
  } finally {
    probe.close();
  }
}

/** Records this process as the database's user and holds the record's lock until released. */
export function claimDatabase(
  databasePath: string,
  program: DatabaseProgram,
  nativeBinding?: string,
): DatabaseClaim {
  assertNotUsedElsewhere(databasePath, nativeBinding);
  const path = ownerRecordPath(databasePath);
  let record = openRecord(databasePath, nativeBinding, true);
  let state = tryLock(record, databasePath);
  if (state === 'not-a-record') {
    // Damaged or foreign: it protects nothing, so a fresh record replaces it.
    record.close();
    rmSync(path, { force: true });
    record = openRecord(databasePath, nativeBinding, true);
    state = tryLock(record, databasePath);
  }
  if (state !== 'taken') {
    const owner = readOwner(record);
    record.close();
    throw inUseError(owner, databasePath);
  }
  try {
    const owner: DatabaseOwner = { program, process: currentOwner() };
    record.exec(
      'CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), record TEXT NOT NULL)',
    );
    record.prepare('INSERT OR REPLACE INTO owner (id, record) VALUES (1, ?)').run(JSON.stringify(owner));
    record.exec('COMMIT');
    // Held from here until release: the lock others probe.
    record.exec('BEGIN IMMEDIATE');
  } catch (cause) {
    record.close();
    throw toNoteVaultError(cause, path);
  }
  return {
    release() {
      if (!record.open) return;
      record.close();
      // Best effort: a record left behind is unlocked, so it names nobody.
      rmSync(path, { force: true });
    },
  };
}

function openRecord(databasePath: string, nativeBinding: string | undefined, create: true): Database.Database;
function openRecord(
  databasePath: string,
  nativeBinding: string | undefined,
  create: false,
): Database.Database | undefined;
function openRecord(
  databasePath: string,
  nativeBinding: string | undefined,
  create: boolean,
): Database.Database | undefined {
  const path = ownerRecordPath(databasePath);
  if (!create && !existsSync(path)) return undefined;
  try {
    // 0600 like the notes (private-modes.ts); an existing record is not opened here.
    if (create) createPrivateFileSync(path);
    // timeout 0: a held lock is an answer, not something to wait for.
    return new Database(path, { fileMustExist: !create, timeout: 0, nativeBinding });
  } catch (cause) {
    if (!create && (cause as { code?: unknown }).code === 'SQLITE_CANTOPEN') return undefined;
    throw toNoteVaultError(cause, path);
  }
}

/** Takes the record's write lock, or says why not: another connection has it, or it is no record. */
function tryLock(
  record: Database.Database,
  databasePath: string,
): 'taken' | 'held-elsewhere' | 'not-a-record' {
  try {
    record.exec('BEGIN IMMEDIATE');
    return 'taken';
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return 'held-elsewhere';
    if (code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'))) {
      return 'not-a-record';
    }
    throw toNoteVaultError(cause, ownerRecordPath(databasePath));
  }
}

function readOwner(record: Database.Database): DatabaseOwner | undefined {
  try {
    const text = record.prepare('SELECT record FROM owner WHERE id = 1').pluck().get();
    return typeof text === 'string' ? parseOwner(text) : undefined;
  } catch {
    return undefined; // no row yet, or a file that is not ours: it names nobody
  }
}

function inUseError(owner: DatabaseOwner | undefined, databasePath: string): NoteVaultError {
  if (owner?.program === 'cli') {
    return new NoteVaultError(
      'FILE_LOCKED',
      `The notevault command-line tool is restoring this database (${databasePath}, process ` +
        `${owner.process.pid}); wait for it to finish, then try again.`,
    );
  }
  return new NoteVaultError(
    'FILE_LOCKED',
    `NoteVault is open and using this database (${databasePath}); quit it first, or restore from the app.`,
  );
}

export function parseOwner(text: string): DatabaseOwner | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { program, process: owner } = value as Partial<Record<keyof DatabaseOwner, unknown>>;
  if ((program !== 'app' && program !== 'cli') || typeof owner !== 'object' || owner === null)
    return undefined;
  const { pid, startTicks, threadId } = owner as Partial<Record<keyof TempDirOwner, unknown>>;
  if (!Number.isSafeInteger(pid) || (pid as number) < 1 || !Number.isSafeInteger(threadId)) return undefined;
  if (startTicks !== undefined && (typeof startTicks !== 'string' || !/^[0-9]{1,20}$/.test(startTicks))) {
    return undefined;
  }
  return {
    program,
    process: {
      pid: pid as number,
      threadId: threadId as number,
      ...(startTicks === undefined ? {} : { startTicks }),
    },
  };
}
