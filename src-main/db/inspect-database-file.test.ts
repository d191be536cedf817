import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inspectDatabaseFile } from './inspect-database-file';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from './schema-constants';
import { companionFiles, useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();

describe('inspectDatabaseFile', () => {
  it('reports missing and empty files as such', () => {
    expect(inspectDatabaseFile(tmp.file('missing.db'))).toEqual({ state: 'missing' });
    fs.writeFileSync(tmp.file('empty.db'), '');
    expect(inspectDatabaseFile(tmp.file('empty.db'))).toEqual({ state: 'empty' });
  });

  it('reads a closed NoteVault database from its header', () => {
    const file = tmp.file('notes.db');
    closeNotesDatabase(openNotesDatabase(file));
    expect(inspectDatabaseFile(file)).toEqual({
      state: 'sqlite',
      identity: {
        applicationId: NOTEVAULT_APPLICATION_ID,
        userVersion: LATEST_SCHEMA_VERSION,
        schemaIsEmpty: false,
      },
    });
  });

  it('tells an empty schema from a populated one on page 1', () => {
    const file = tmp.file('blank.db');
    const db = new Database(file);
    db.exec('VACUUM');
    db.pragma('user_version = 3');
    db.close();
    expect(inspectDatabaseFile(file)).toEqual({
      state: 'sqlite',
      identity: { applicationId: 0, userVersion: 3, schemaIsEmpty: true },
    });
    const withView = new Database(file);
    withView.exec('CREATE VIEW v AS SELECT 1');
    withView.close();
    expect(inspectDatabaseFile(file)).toMatchObject({ identity: { schemaIsEmpty: false } });
  });

  it('reads through SQLite when the newest page 1 is still in the -wal', () => {
    const file = tmp.file('live.db');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0');
    writer.exec('CREATE TABLE t (x)');
    writer.pragma('application_id = 0x0badf00d');
    writer.pragma('user_version = 42');
    try {
      // The main file still holds the old, empty page 1.
      expect(fs.readFileSync(file).readUInt32BE(68)).toBe(0);
      expect(inspectDatabaseFile(file)).toEqual({
        state: 'sqlite',
        identity: { applicationId: 0x0badf00d, userVersion: 42, schemaIsEmpty: false },
      });
    } finally {
      writer.close();
    }
  });

  it('creates no -wal or -shm file for a WAL-mode database', () => {
    const file = tmp.file('wal-mode.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x)');
    db.close();
    inspectDatabaseFile(file);
    expect(companionFiles(file)).toEqual([]);
  });

  it('refuses non-SQLite content and folders with specific codes', () => {
    fs.writeFileSync(tmp.file('image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(() => inspectDatabaseFile(tmp.file('image.png'))).toThrow(
      expect.objectContaining({ code: 'DB_NOT_SQLITE' }),
    );
    expect(() => inspectDatabaseFile(tmp.path)).toThrow(expect.objectContaining({ code: 'IO' }));
  });
});
