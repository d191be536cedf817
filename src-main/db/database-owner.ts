/**
 * Which NoteVault program is using a notes database: the app for as long as it runs, the
 * command-line tool for as long as it restores. SQLite's own lock already keeps every other
 * writer out of a restore (replace-database.ts); this record is what lets each side say who
 * is in the way, and lets a command-line restore refuse up front instead of replacing the
 * notes under an app that has them open.
 *
 * The record is a small JSON file beside the database, `<database>-owner` (next to SQLite's
 * own -wal and -shm), naming the program and its process the way private temp folders do
 * (private-temp-owner.ts), and judged the same way (sweep-owner-check.ts): a record whose
 * process has ended is stale and ignored, so a crash never leaves a database locked out.
 * Two programs starting in the same instant could both write a record; the later one wins
 * the file, and SQLite's lock still keeps their writes apart.
 */
import { readFileSync, unlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { NoteVaultError } from '../../src-shared/errors';
import { writeFileAtomic } from '../fsx/atomic-publish';
import { errorCode } from '../fsx/fs-errors';
import type { TempDirOwner } from '../fsx/private-temp-owner';
import { judgeOwner, realProcessProbe } from '../fsx/sweep-owner-check';
import type { ProcessProbe } from '../fsx/sweep-owner-check';

export type DatabaseProgram = 'app' | 'cli';

export interface DatabaseOwner {
  program: DatabaseProgram;
  process: TempDirOwner;
}

export interface DatabaseClaim {
  /**
   * Removes the record, unless another program has written its own since. Synchronous, so
   * the app can call it while quitting; best effort, since a record left behind names a
   * process that has ended and is ignored.
   */
  release(): void;
}

export function ownerRecordPath(databasePath: string): string {
  return `${databasePath}-owner`;
}

/**
 * Throws FILE_LOCKED, naming the program, when another running NoteVault program has the
 * database; returns when nobody does, or only this process (the app's own restore worker).
 */
export async function assertNotUsedElsewhere(
  databasePath: string,
  probe: ProcessProbe = realProcessProbe,
): Promise<void> {
  const owner = await readOwner(databasePath);
  if (owner === undefined || isThisProcess(owner.process, probe.self())) return;
  const verdict = await judgeOwner(owner.process, probe, false);
  if (verdict.state === 'gone') return;
  throw inUseError(owner, databasePath);
}

/** Records this process as the database's user, after checking no other one is. */
export async function claimDatabase(
  databasePath: string,
  program: DatabaseProgram,
  probe: ProcessProbe = realProcessProbe,
): Promise<DatabaseClaim> {
  await assertNotUsedElsewhere(databasePath, probe);
  const record: DatabaseOwner = { program, process: probe.self() };
  const path = ownerRecordPath(databasePath);
  await writeFileAtomic(path, `${JSON.stringify(record)}\n`);
  return {
    release() {
      try {
        const current = parseOwner(readFileSync(path, 'utf8'));
        if (current?.program === program && isThisProcess(current.process, record.process)) unlinkSync(path);
      } catch {
        // Gone already, or held for a moment by another program: the stale record is harmless.
      }
    },
  };
}

function inUseError(owner: DatabaseOwner, databasePath: string): NoteVaultError {
  const message =
    owner.program === 'app'
      ? `NoteVault is open and using this database (${databasePath}); quit it first, or restore from the app.`
      : `The notevault command-line tool is restoring this database (${databasePath}, process ` +
        `${owner.process.pid}); wait for it to finish, then try again.`;
  return new NoteVaultError('FILE_LOCKED', message);
}

function isThisProcess(owner: TempDirOwner, self: TempDirOwner): boolean {
  if (owner.pid !== self.pid) return false;
  return (
    owner.startTicks === undefined || self.startTicks === undefined || owner.startTicks === self.startTicks
  );
}

/** The record, or undefined when there is none or it cannot be read (then it protects nothing). */
async function readOwner(databasePath: string): Promise<DatabaseOwner | undefined> {
  let text: string;
  try {
    text = await readFile(ownerRecordPath(databasePath), 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
  return parseOwner(text);
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
