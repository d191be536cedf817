import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import {
  PASSKEY,
  cheapKey,
  filesIn,
  leftovers,
  liveNotes,
  makeNotesDatabase,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { addUserData } from '../../test/main/backup/user-data-fixture';
import { createBackup } from './create-backup';
import { expectFailure } from '../../test/main/backup/format/test-support';
import type { BackupMetadata } from './format/metadata';
import { compareNotes, previewRestore } from './preview-restore';
import type { JobProgress } from './progress';

const ws = useWorkspace();

function withNotes<T>(path: string, work: (notes: NotesRepository) => T): T {
  const db = openNotesDatabase(path);
  try {
    return work(new NotesRepository(db));
  } finally {
    closeNotesDatabase(db);
  }
}

/** Backs up Alpha, Beta and Gamma, then edits Beta, deletes Gamma for good and writes Delta. */
async function backupThenEdit() {
  const ids = withNotes(ws.db, (notes) => ({
    alpha: notes.create({ title: 'Alpha', body: 'stays the same' }).id,
    beta: notes.create({ title: 'Beta', body: 'first version', createdAt: Date.now() - 60_000 }).id,
    gamma: notes.create({ title: 'Gamma', body: 'deleted later' }).id,
  }));
  const made = await createBackup({
    databasePath: ws.db,
    destination: ws.backups,
    keySource: await cheapKey(),
    kind: 'manual',
    appVersion: '1.2.3',
    tempParent: ws.temp,
  });
  const delta = withNotes(ws.db, (notes) => {
    notes.update(ids.beta, { body: 'second version' });
    notes.trash(ids.gamma);
    notes.purge(ids.gamma);
    return notes.create({ title: 'Delta', body: 'written after the backup' }).id;
  });
  return { made, ids: { ...ids, delta } };
}

describe('previewRestore', () => {
  for (const [route, inMemoryLimit] of [
    ['in memory', undefined],
    ['through a wiped temp file', 0],
  ] as const) {
    it(`lists what would come back, disappear and change (${route}) without touching anything`, async () => {
      const { made, ids } = await backupThenEdit();
      const liveBefore = liveNotes(ws.db);
      const progress: JobProgress[] = [];
      const preview = await previewRestore(
        {
          file: made.file,
          databasePath: ws.db,
          keySource: { passkey: PASSKEY },
          tempParent: ws.temp,
          inMemoryLimit,
        },
        { onProgress: (p) => progress.push(p) },
      );
      expect(preview.metadata).toEqual(made.metadata);
      expect(preview.metadata).toMatchObject({ appVersion: '1.2.3', noteCount: 3, kind: 'manual' });
      expect(preview.comeBack).toEqual({ count: 1, notes: [{ id: ids.gamma, title: 'Gamma' }] });
      expect(preview.disappear).toEqual({ count: 1, notes: [{ id: ids.delta, title: 'Delta' }] });
      expect(preview.change).toEqual({ count: 1, notes: [{ id: ids.beta, title: 'Beta' }] });
      expect(preview.unchanged).toBe(1);
      // Made with libsodium's least work (cheapKey): the preview warns about it.
      expect(preview.cheaperKeyThanDefault).toBe(true);
      expect(new Set(progress.map((p) => p.phase))).toEqual(
        new Set(['deriving-key', 'decrypting', 'validating']),
      );
      expect(liveNotes(ws.db)).toEqual(liveBefore);
      expect(filesIn(ws.temp)).toEqual([]);
      expect(leftovers(ws.temp, ws.backups, ws.dbDir)).toEqual([]);
    });
  }

  it('counts the tags, attachments and kept versions a restore would bring back with the notes', async () => {
    makeNotesDatabase(ws.db, 2);
    const db = new Database(ws.db);
    addUserData(db, { largeBytes: 5000 });
    db.close();
    const made = await createBackup({
      databasePath: ws.db,
      destination: ws.backups,
      keySource: await cheapKey(),
      kind: 'manual',
      appVersion: '1.2.3',
      tempParent: ws.temp,
    });
    const preview = await previewRestore({
      file: made.file,
      databasePath: ws.db,
      keySource: { passkey: PASSKEY },
      tempParent: ws.temp,
    });
    // addUserData: 3 tags, attachments of 300, 5000 and 0 bytes, 3 kept versions.
    expect(preview.alsoInside).toEqual({ tags: 3, attachments: 3, attachmentBytes: 5300, versions: 3 });
  });

  it('refuses a wrong passkey before reading any note, and leaves the live notes alone', async () => {
    const { made } = await backupThenEdit();
    const liveBefore = liveNotes(ws.db);
    await expectFailure(
      previewRestore({
        file: made.file,
        databasePath: ws.db,
        keySource: { passkey: 'not it' },
        tempParent: ws.temp,
      }),
      'WRONG_PASSKEY',
    );
    expect(liveNotes(ws.db)).toEqual(liveBefore);
    expect(filesIn(ws.temp)).toEqual([]);
  });

  it('brings every note back when there are no current notes at all', async () => {
    const { made } = await backupThenEdit();
    rmSync(ws.dbDir, { recursive: true, force: true });
    const preview = await previewRestore({
      file: made.file,
      databasePath: ws.db,
      keySource: { passkey: PASSKEY },
      tempParent: ws.temp,
    });
    expect(preview.comeBack.notes.map((n) => n.title)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect([preview.disappear.count, preview.change.count, preview.unchanged]).toEqual([0, 0, 0]);
  });
});

describe('compareNotes', () => {
  const metadata = { noteCount: 0 } as BackupMetadata;
  const notes = (entries: [string, string, string][]) =>
    new Map(entries.map(([id, title, digest]) => [id, { title, digest }]));

  it('compares by id, sorts by title and caps the lists but not the counts', () => {
    const backup = notes([
      ['1', 'same', 'a'],
      ['2', 'zebra', 'b'],
      ['3', 'apple', 'c'],
      ['4', 'mango', 'd'],
      ['5', 'renamed in backup', 'e'],
    ]);
    const current = notes([
      ['1', 'same', 'a'],
      ['5', 'renamed now', 'f'],
      ['6', 'new', 'g'],
    ]);
    const preview = compareNotes(metadata, backup, current, 2);
    expect(preview.comeBack).toEqual({
      count: 3,
      notes: [
        { id: '3', title: 'apple' },
        { id: '4', title: 'mango' },
      ],
    });
    // A changed note is shown with the title it will have after the restore.
    expect(preview.change).toEqual({ count: 1, notes: [{ id: '5', title: 'renamed in backup' }] });
    expect(preview.disappear).toEqual({ count: 1, notes: [{ id: '6', title: 'new' }] });
    expect(preview.unchanged).toBe(1);
  });
});
