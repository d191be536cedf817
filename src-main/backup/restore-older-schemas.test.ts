/**
 * Backups of every earlier schema version, made by the real pipeline from a database exactly as
 * that version left it (notes, and the tags, attachments and versions it already had), restored
 * over a live database and migrated: everything the old version held comes back, and the tables
 * later versions added start empty. The backup format is the same for all of them.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../db/migrations';
import { applyMigrations } from '../db/run-migrations';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import {
  backUpWorkspace,
  cheapKey,
  makeNotesDatabase,
  useWorkspace,
  workspaceRestoreRequest,
} from '../../test/main/backup/backup-test-support';
import { addUserData, userDataDigests } from '../../test/main/backup/user-data-fixture';
import { inspectAnyHeader } from './format/header';
import { restoreBackup } from './restore-backup';

const ws = useWorkspace();

/** The database at `version`, as that NoteVault left it: WAL, two notes, and its other tables' rows. */
function buildDatabaseAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path);
  applyMigrations(db, version);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    'INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  insert.run('00000000-0000-4000-8000-000000000001', 'Groceries', 'buy oranges', 1, 1000, 2000, null);
  insert.run('00000000-0000-4000-8000-000000000002', 'Old idea', 'zeppelin garden', 0, 3000, 4000, 5000);
  addUserData(db);
  return db;
}

describe('a backup of an earlier schema', () => {
  // Every version a released or an earlier build of NoteVault may have backed up, 1 to the latest.
  for (const { version, name } of MIGRATIONS) {
    it(`restores a schema-${version} backup (${name}) with all it held, migrated to the latest`, async () => {
      const source = buildDatabaseAtVersion(ws.db, version);
      const fresh = new Database(':memory:');
      applyMigrations(fresh);
      // What the old database holds, over the columns today's NoteVault knows.
      const held = userDataDigests(source, fresh);
      fresh.close();
      source.close();
      const key = await cheapKey();
      const file = await backUpWorkspace(ws, key);
      expect((await inspectAnyHeader(file)).formatVersion).toBe(2);

      // The live database now: today's schema, other notes.
      for (const suffix of ['', '-wal', '-shm']) rmSync(ws.db + suffix, { force: true });
      makeNotesDatabase(ws.db, 3);
      const result = await restoreBackup(
        workspaceRestoreRequest(ws, file, { keySource: key, safetyKeySource: key }),
      );
      expect(result).toMatchObject({ restoredNotes: 2, metadata: { schemaVersion: version } });
      // What the version had besides notes is counted (addUserData: 3 tags, 3 files, 3 versions).
      expect(result.restoredAlso).toEqual({
        tags: version >= 3 ? 3 : 0,
        attachments: version >= 4 ? 3 : 0,
        attachmentBytes: version >= 4 ? 2348 : 0,
        versions: version >= 5 ? 3 : 0,
      });

      // Opened as the app opens it: already at the latest version, searchable, every row back.
      const live = openNotesDatabase(ws.db);
      try {
        expect(live.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        expect(live.pragma('integrity_check', { simple: true })).toBe('ok');
        const digests = userDataDigests(live);
        for (const [table, digest] of Object.entries(digests)) {
          expect(digest, table).toEqual(held[table] ?? { rows: 0, sha256: '0'.repeat(64) });
        }
        const notes = new NotesRepository(live);
        expect(notes.search('oranges').map((hit) => hit.title)).toEqual(['Groceries']);
        if (version >= 3)
          expect(notes.tags.tagsOf('00000000-0000-4000-8000-000000000001')).toEqual([
            'work',
            'work/projects',
          ]);
        // The restored database takes new notes as any other.
        notes.create({ title: 'After the restore', body: 'walrus' });
        expect(notes.search('walrus')).toHaveLength(1);
      } finally {
        closeNotesDatabase(live);
      }
    });
  }
});
