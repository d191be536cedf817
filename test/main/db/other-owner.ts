/**
 * Another running NoteVault program that has claimed a notes database, for the tests of
 * database-owner.ts and its callers: a child process writes the owner record as
 * claimDatabase does and keeps its lock until it is stopped or killed.
 */
import { spawn } from 'node:child_process';
import type { DatabaseProgram } from '../../../src-main/db/database-owner';
import { ownerRecordPath } from '../../../src-main/db/database-owner';

const HOLDER = `
const Database = require(process.argv[1]);
const record = new Database(process.argv[2]);
record.exec('CREATE TABLE IF NOT EXISTS owner (id INTEGER PRIMARY KEY CHECK (id = 1), record TEXT NOT NULL)');
record.prepare('INSERT OR REPLACE INTO owner (id, record) VALUES (1, ?)').run(process.argv[3].replace('PID', process.pid));
record.exec('BEGIN IMMEDIATE');
process.stdout.write('ready\\n');
setInterval(() => {}, 60_000);
`;

export interface OtherOwner {
  pid: number;
  /** Ends it the way a crash does: no clean-up, the record stays behind. */
  kill(): Promise<void>;
}

/** Starts a process that holds `databasePath`'s owner record as `program`; resolves once it does. */
export async function startOtherOwner(databasePath: string, program: DatabaseProgram): Promise<OtherOwner> {
  const record = JSON.stringify({ program, process: { pid: 'PID', threadId: 0 } }).replace('"PID"', 'PID');
  const child = spawn(process.execPath, [
    '-e',
    HOLDER,
    require.resolve('better-sqlite3'),
    ownerRecordPath(databasePath),
    record,
  ]);
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the owner process ended early (exit ${code})`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      if (text.includes('ready')) resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('no owner process');
  return {
    pid,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
