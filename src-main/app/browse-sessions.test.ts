import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
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
      keySource: ({ passkey }) => Promise.resolve({ passkey: passkey ?? '' }),
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

describe('BrowseSessions bringing a note back', () => {
  it('brings its tags (creating the missing ones) and the attachments it refers to, each stored once', async () => {
    // A backup NoteVault takes: 5 notes, the first tagged work and work/projects and referring to
    // three attachments (one of them empty, which the attachments repository does not store).
    const browse = await browserOf(...hostileCase(/attachments table with an extra column/));
    const live = opened[0]!;
    const current = new NotesRepository(live);
    const other = current.create({ title: 'Already here', body: 'x' });
    current.tags.add(other.id, ['WORK']);
    const session = await browse.open('hostile.nvbak', PASSKEY);
    const inBackup = browse.notes(session.sessionId);
    const [first] = inBackup.list().items.filter((note) => note.body.includes('attachment:'));
    const hashes = attachmentHashesIn(first!.body);
    expect(hashes).toHaveLength(3);

    const once = browse.bringBack(session.sessionId, [first!.id], 'as-new');
    expect(once).toMatchObject({ created: 1, attachmentsLeftOut: 1 });
    const [copy] = once.ids;
    // The existing tag "WORK" is used, not a second one; "work/projects" is created.
    expect(current.tags.tagsOf(copy!)).toEqual(['WORK', 'work/projects']);
    const stored = hashes.filter((hash) => current.attachments.info(hash) !== undefined);
    expect(stored).toHaveLength(2);
    for (const hash of stored) {
      expect(current.attachments.read(hash).data).toEqual(inBackup.attachments.read(hash).data);
      expect(current.attachments.isReferenced(hash)).toBe(true);
    }

    const twice = browse.bringBack(session.sessionId, [first!.id], 'as-new');
    expect(twice.created).toBe(1);
    expect(current.attachments.count()).toBe(2);
    expect(live.prepare('SELECT count(*) FROM tags').pluck().get()).toBe(2);
    await browse.close(session.sessionId);
  });
});
