import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotesRepository } from '../db/notes-repository';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { PASSKEY, cheapKey, useWorkspace } from '../../test/main/backup/backup-test-support';
import { HOSTILE_CASES, hostileBackup } from '../../test/main/backup/hostile-databases';
import type { HostileCase } from '../../test/main/backup/hostile-databases';
import { buildJobWorker } from '../../test/main/backup/worker/worker-test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { BrowseSessions } from './browse-sessions';
import { JobGate } from './job-gate';

// The real job worker, SQLite and libsodium; the backups list is the seam (it names one file).
const ws = useWorkspace();
let worker: BuiltWorker;

beforeAll(async () => {
  worker = await buildJobWorker();
});
afterAll(() => worker.remove());
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) closeNotesDatabase(db);
});

function hostileCase(name: RegExp): [HostileCase, number] {
  const index = HOSTILE_CASES.findIndex((c) => name.test(c.name));
  const found = HOSTILE_CASES[index];
  if (found === undefined) throw new Error(`no hostile case ${String(name)}`);
  return [found, index];
}

async function browserOf(hostile: HostileCase, index: number): Promise<BrowseSessions> {
  const offered = join(ws.root, 'offered');
  mkdirSync(offered, { recursive: true });
  const file = await hostileBackup(offered, hostile, await cheapKey(), index);
  const live = openNotesDatabase(ws.db);
  opened.push(live);
  return new BrowseSessions({
    backups: {
      resolve: () => Promise.resolve(file),
      keySource: (passkey) => Promise.resolve({ passkey: passkey ?? '' }),
    },
    jobs: new JobGate(worker.workerPath),
    tempParent: ws.temp,
    currentNotes: () => new NotesRepository(live),
    onNotesChanged: () => undefined,
  });
}

describe('BrowseSessions with a hostile backup', () => {
  it("reads the notes through NoteVault's own search index, never the backup's stale one", async () => {
    const browse = await browserOf(...hostileCase(/full-text index that disagrees/));
    const session = await browse.open('hostile.nvbak', PASSKEY);
    expect(session.noteCount).toBe(5);
    expect(browse.notes(session.sessionId).search('zebra')).toHaveLength(5);
    await browse.close(session.sessionId);
    expect(readdirSync(ws.temp)).toEqual([]);
  });

  it('refuses a notes table without a column NoteVault needs, leaving no copy behind', async () => {
    const browse = await browserOf(...hostileCase(/without the body column/));
    await expect(browse.open('hostile.nvbak', PASSKEY)).rejects.toMatchObject({
      code: 'BACKUP_DAMAGED',
      message: 'This backup file is damaged and cannot be read: choose another backup.',
      details: expect.stringMatching(/lacks the column "body"/) as unknown,
    });
    expect(readdirSync(ws.temp)).toEqual([]);
  });
});
