import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOtherOwner } from '../../test/main/db/other-owner';
import type { OtherOwner } from '../../test/main/db/other-owner';
import { assertNotUsedElsewhere, claimDatabase, ownerRecordPath, parseOwner } from './database-owner';

let folder: string;
let database: string;
let other: OtherOwner | undefined;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'notevault-owner-'));
  database = join(folder, 'notes.db');
});
afterEach(async () => {
  await other?.kill();
  other = undefined;
  rmSync(folder, { recursive: true, force: true });
});

function recordedOwner() {
  const db = new Database(ownerRecordPath(database), { readonly: true });
  try {
    return parseOwner(db.prepare('SELECT record FROM owner').pluck().get() as string);
  } finally {
    db.close();
  }
}

describe('assertNotUsedElsewhere', () => {
  it('passes when no program has claimed the database', () => {
    expect(() => assertNotUsedElsewhere(database)).not.toThrow();
    expect(existsSync(ownerRecordPath(database))).toBe(false);
  });

  it('names the app while the app has the database open', async () => {
    other = await startOtherOwner(database, 'app');
    expect(() => assertNotUsedElsewhere(database)).toThrow(
      expect.objectContaining({
        code: 'FILE_LOCKED',
        message: expect.stringMatching(
          /^NoteVault is open and using this database \(.*notes\.db\); quit it first, or restore from the app\.$/,
        ) as unknown,
      }) as Error,
    );
  });

  it('names the command-line tool and its process while it restores', async () => {
    other = await startOtherOwner(database, 'cli');
    expect(() => assertNotUsedElsewhere(database)).toThrow(
      expect.objectContaining({
        message: expect.stringContaining(
          `command-line tool is restoring this database (${database}, process ${other.pid}); wait for it`,
        ) as unknown,
      }) as Error,
    );
  });

  it('lets go when the owner dies, though its record stays (a crash never locks the database out)', async () => {
    other = await startOtherOwner(database, 'app');
    await other.kill();
    expect(existsSync(ownerRecordPath(database))).toBe(true);
    expect(() => assertNotUsedElsewhere(database)).not.toThrow();
  });

  it("passes for this process's own claim (the app's restore runs inside the app)", () => {
    const claim = claimDatabase(database, 'app');
    try {
      expect(() => assertNotUsedElsewhere(database)).not.toThrow();
    } finally {
      claim.release();
    }
  });

  it('treats a file that is not a record as naming nobody, and a claim replaces it', () => {
    writeFileSync(
      ownerRecordPath(database),
      'not a database, but long enough to look like a header'.repeat(4),
    );
    expect(() => assertNotUsedElsewhere(database)).not.toThrow();
    const claim = claimDatabase(database, 'app');
    expect(recordedOwner()).toMatchObject({ program: 'app', process: { pid: process.pid } });
    claim.release();
  });
});

describe('claimDatabase', () => {
  it('records this process, holds the lock until released, then removes the record', () => {
    const claim = claimDatabase(database, 'cli');
    expect(recordedOwner()).toMatchObject({ program: 'cli', process: { pid: process.pid } });
    const probe = new Database(ownerRecordPath(database), { timeout: 0 });
    expect(() => probe.exec('BEGIN IMMEDIATE')).toThrow(/locked/);
    probe.close();
    claim.release();
    expect(existsSync(ownerRecordPath(database))).toBe(false);
  });

  it('is refused while another program holds the database, leaving its record', async () => {
    other = await startOtherOwner(database, 'app');
    expect(() => claimDatabase(database, 'cli')).toThrow(
      expect.objectContaining({ code: 'FILE_LOCKED' }) as Error,
    );
    expect(recordedOwner()?.process.pid).toBe(other.pid);
  });

  it.skipIf(process.platform === 'win32')('creates the record 0600, readable by nobody else', () => {
    const claim = claimDatabase(database, 'app');
    // Held with a transaction open: the record and anything beside it are the owner's alone.
    for (const file of [ownerRecordPath(database), `${ownerRecordPath(database)}-journal`]) {
      if (existsSync(file)) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
    }
    expect(existsSync(ownerRecordPath(database))).toBe(true);
    claim.release();
  });

  it("takes over a dead program's record", async () => {
    other = await startOtherOwner(database, 'app');
    await other.kill();
    const claim = claimDatabase(database, 'cli');
    expect(recordedOwner()).toMatchObject({ program: 'cli', process: { pid: process.pid } });
    claim.release();
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
