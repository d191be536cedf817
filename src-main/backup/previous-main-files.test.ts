/**
 * What people already have, written by the NoteVault before issue #15 (schema version 2, see
 * test/fixtures/previous-main/README.md): its notes database opens and is migrated, and its backup
 * file restores into today's schema. Never regenerate the files with newer code.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import {
  cheapKey,
  makeNotesDatabase,
  useWorkspace,
  workspaceRestoreRequest,
} from '../../test/main/backup/backup-test-support';
import { PNG_1X1 } from '../../test/main/db/attachment-fixtures';
import { createBackup } from './create-backup';
import { restoreBackup } from './restore-backup';

const ws = useWorkspace();
const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'previous-main');
const PASSKEY = 'previous main fixture';

/** The three notes the previous main wrote, as today's repository reads them. */
function expectPreviousNotes(notes: NotesRepository): void {
  expect(notes.list().items.map((note) => [note.title, note.pinned])).toEqual([
    ['Groceries', true],
    ['Café notes', false],
  ]);
  expect(notes.list({ trashed: true }).items.map((note) => note.title)).toEqual(['Old idea']);
  expect(notes.search('creme').map((hit) => hit.title)).toEqual(['Café notes']);
  expect(notes.search('zeppelin', { includeTrashed: true }).map((hit) => hit.title)).toEqual(['Old idea']);
}

/** Today's features work on it: a tag, an attachment, a kept version table. */
function expectTodaysFeatures(notes: NotesRepository, db: Database.Database): void {
  const [groceries] = notes.list().items;
  expect(notes.tags.add(groceries!.id, ['errands'])).toEqual(['errands']);
  expect(notes.search('errands').map((hit) => hit.title)).toEqual(['Groceries']);
  const added = notes.attachments.add({ data: PNG_1X1, fileName: 'dot.png', mediaType: 'image/png' });
  notes.update(groceries!.id, { body: `${groceries!.body}\n${added.markdown}` });
  expect(notes.attachments.isReferenced(added.sha256)).toBe(true);
  expect(db.prepare('SELECT count(*) FROM note_versions').pluck().get()).toBeGreaterThanOrEqual(0);
}

describe('files made by the previous main (schema 2)', () => {
  it('its notes database opens, is migrated to the latest schema and takes tags and attachments', () => {
    copyFileSync(join(FIXTURES, 'notes-schema-2.db'), ws.db);
    const before = new Database(ws.db, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(2);
    before.close();
    const db = openNotesDatabase(ws.db);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const notes = new NotesRepository(db);
      expectPreviousNotes(notes);
      expectTodaysFeatures(notes, db);
    } finally {
      closeNotesDatabase(db);
    }
  });

  it('its backup restores over a database of today, which it replaces, migrated to the latest schema', async () => {
    makeNotesDatabase(ws.db, 2);
    const file = join(ws.backups, 'previous-main.nvbak');
    copyFileSync(join(FIXTURES, 'notes-schema-2.nvbak'), file);
    const result = await restoreBackup(
      workspaceRestoreRequest(ws, file, {
        keySource: { passkey: PASSKEY },
        safetyKeySource: { passkey: PASSKEY },
      }),
    );
    expect(result).toMatchObject({ restoredNotes: 3, metadata: { schemaVersion: 2, appVersion: '0.1.0' } });
    const db = openNotesDatabase(ws.db);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      const notes = new NotesRepository(db);
      expectPreviousNotes(notes);
      expectTodaysFeatures(notes, db);
    } finally {
      closeNotesDatabase(db);
    }
  });

  it('its notes database, backed up today without opening it first, restores too', async () => {
    copyFileSync(join(FIXTURES, 'notes-schema-2.db'), join(ws.root, 'old.db'));
    const key = await cheapKey(PASSKEY);
    const made = await createBackup({
      databasePath: join(ws.root, 'old.db'),
      destination: ws.backups,
      keySource: key,
      kind: 'manual',
      appVersion: '0.2.0',
      tempParent: ws.temp,
    });
    expect(made.metadata.schemaVersion).toBe(2);
    makeNotesDatabase(ws.db, 1);
    await restoreBackup(workspaceRestoreRequest(ws, made.file, { keySource: key, safetyKeySource: key }));
    const db = openNotesDatabase(ws.db);
    try {
      expectPreviousNotes(new NotesRepository(db));
    } finally {
      closeNotesDatabase(db);
    }
  });
});
