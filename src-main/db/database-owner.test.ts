import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentOwner } from '../fsx/private-temp-owner';
import { assertNotUsedElsewhere, claimDatabase, ownerRecordPath, parseOwner } from './database-owner';
import type { DatabaseProgram } from './database-owner';

let folder: string;
let database: string;
let other: ChildProcess | undefined;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'notevault-owner-'));
  database = join(folder, 'notes.db');
});
afterEach(() => {
  other?.kill('SIGKILL');
  other = undefined;
  rmSync(folder, { recursive: true, force: true });
});

/** Another running process, standing in for the app or the command-line tool. */
function startOtherProcess(): number {
  other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  if (other.pid === undefined) throw new Error('could not start a process');
  return other.pid;
}

async function stopOtherProcess(): Promise<void> {
  const child = other;
  if (!child) return;
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGKILL');
  });
  other = undefined;
}

function writeRecord(program: DatabaseProgram, pid: number): void {
  writeFileSync(ownerRecordPath(database), JSON.stringify({ program, process: { pid, threadId: 0 } }));
}

describe('assertNotUsedElsewhere', () => {
  it('passes when no program has claimed the database', async () => {
    await expect(assertNotUsedElsewhere(database)).resolves.toBeUndefined();
  });

  it('names the app when the app has the database open', async () => {
    writeRecord('app', startOtherProcess());
    await expect(assertNotUsedElsewhere(database)).rejects.toMatchObject({
      code: 'FILE_LOCKED',
      message: expect.stringMatching(
        /^NoteVault is open and using this database \(.*notes\.db\); quit it first, or restore from the app\.$/,
      ) as unknown,
    });
  });

  it('names the command-line tool and its process while it restores', async () => {
    const pid = startOtherProcess();
    writeRecord('cli', pid);
    await expect(assertNotUsedElsewhere(database)).rejects.toMatchObject({
      code: 'FILE_LOCKED',
      message: expect.stringContaining(
        `command-line tool is restoring this database (${database}, process ${pid}); wait for it to finish`,
      ) as unknown,
    });
  });

  it('ignores a record whose process has ended (a crash never locks the database out)', async () => {
    writeRecord('app', startOtherProcess());
    await stopOtherProcess();
    await expect(assertNotUsedElsewhere(database)).resolves.toBeUndefined();
  });

  it("passes for this process's own record (the app's restore runs inside the app)", async () => {
    writeFileSync(ownerRecordPath(database), JSON.stringify({ program: 'app', process: currentOwner() }));
    await expect(assertNotUsedElsewhere(database)).resolves.toBeUndefined();
  });

  it('ignores a record it cannot read', async () => {
    writeFileSync(ownerRecordPath(database), '{"program":"app","process":{"pid":"x"}');
    await expect(assertNotUsedElsewhere(database)).resolves.toBeUndefined();
  });
});

describe('claimDatabase', () => {
  it('records this process until released', async () => {
    const claim = await claimDatabase(database, 'cli');
    expect(parseOwner(readFileSync(ownerRecordPath(database), 'utf8'))).toEqual({
      program: 'cli',
      process: currentOwner(),
    });
    claim.release();
    expect(existsSync(ownerRecordPath(database))).toBe(false);
  });

  it('is refused while another program has the database, leaving its record', async () => {
    const pid = startOtherProcess();
    writeRecord('app', pid);
    await expect(claimDatabase(database, 'cli')).rejects.toMatchObject({ code: 'FILE_LOCKED' });
    expect(parseOwner(readFileSync(ownerRecordPath(database), 'utf8'))?.process.pid).toBe(pid);
  });

  it('takes over a stale record, and release leaves a record another program wrote since', async () => {
    writeRecord('app', startOtherProcess());
    await stopOtherProcess();
    const claim = await claimDatabase(database, 'cli');
    const pid = startOtherProcess();
    writeRecord('app', pid);
    claim.release();
    expect(parseOwner(readFileSync(ownerRecordPath(database), 'utf8'))?.process.pid).toBe(pid);
  });
});

describe('parseOwner', () => {
  it.each([
    ['not JSON', 'nope'],
    ['another program name', '{"program":"sync","process":{"pid":12,"threadId":0}}'],
    ['a negative pid', '{"program":"app","process":{"pid":-1,"threadId":0}}'],
    [
      'a start time that is not digits',
      '{"program":"app","process":{"pid":12,"threadId":0,"startTicks":"1e3"}}',
    ],
  ])('refuses %s', (_what, text) => {
    expect(parseOwner(text)).toBeUndefined();
  });
});
