import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { NotesRepository } from './notes-repository';
import { applyMigrations } from './run-migrations';
import { LATEST_SCHEMA_VERSION, NOTEVAULT_APPLICATION_ID } from './schema-constants';
import { companionFiles, openHandlesTo, sha256, useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();

function caught(action: () => unknown): NoteVaultError {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(NoteVaultError);
    return err as NoteVaultError;
  }
  throw new Error('expected a NoteVaultError, but nothing was thrown');
}

/** Asserts openNotesDatabase refuses `file` with `code` and leaves it exactly as it was. */
function expectRefusedUnchanged(file: string, code: string): NoteVaultError {
  const hashBefore = sha256(file);
  const companionsBefore = companionFiles(file);
  const error = caught(() => openNotesDatabase(file));
  expect(error.code).toBe(code);
  expect(error.message).toContain(file);
  expect(sha256(file)).toBe(hashBefore);
  expect(companionFiles(file)).toEqual(companionsBefore);
  return error;
}

function createNoteVaultFile(file: string): void {
  const db = openNotesDatabase(file);
  new NotesRepository(db).create({ title: 'Kept', body: 'still here' });
  closeNotesDatabase(db);
}

describe('openNotesDatabase on a new file', () => {
  it('configures WAL, synchronous NORMAL, foreign keys and the busy timeout', () => {
    const db = openNotesDatabase(tmp.file('notes.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(NOTEVAULT_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    closeNotesDatabase(db);
  });

  it('adopts an empty SQLite file another tool created (application_id 0, no tables)', () => {
    const file = tmp.file('blank.db');
    const blank = new Database(file);
    blank.exec('VACUUM'); // writes a one-page database with an empty schema
    blank.close();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const db = openNotesDatabase(file);
    expect(db.pragma('application_id', { simple: true })).toBe(NOTEVAULT_APPLICATION_ID);
    closeNotesDatabase(db);
  });

  it('reopens with the notes it had', () => {
    const file = tmp.file('notes.db');
    createNoteVaultFile(file);
    const db = openNotesDatabase(file);
    expect(new NotesRepository(db).list().items.map((n) => [n.title, n.body])).toEqual([
      ['Kept', 'still here'],
    ]);
    closeNotesDatabase(db);
  });
});

describe('openNotesDatabase refuses, leaving the file byte-identical', () => {
  it('a database written by a newer NoteVault, naming both versions', () => {
    const file = tmp.file('newer.db');
    createNoteVaultFile(file);
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    const error = expectRefusedUnchanged(file, 'DB_NEWER_SCHEMA');
    expect(error.message).toContain(`version ${LATEST_SCHEMA_VERSION + 1}`);
    expect(error.message).toContain(`up to ${LATEST_SCHEMA_VERSION}`);
    expect(error.message).toMatch(/update NoteVault/i);
  });

  it('a foreign DELETE-mode SQLite database, without leaving -wal or -shm behind', () => {
    const file = tmp.file('foreign.sqlite');
    const raw = new Database(file);
    raw.exec("CREATE TABLE customers (name TEXT); INSERT INTO customers VALUES ('Ada')");
    raw.close();
    expect(companionFiles(file)).toEqual([]);
    const error = expectRefusedUnchanged(file, 'DB_FOREIGN');
    expect(error.message).toMatch(/another program/);
    expect(companionFiles(file)).toEqual([]);
  });

  it('a foreign WAL-mode SQLite database with no -wal file, creating no companions', () => {
    const file = tmp.file('foreign-wal.sqlite');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(companionFiles(file)).toEqual([]);
    expectRefusedUnchanged(file, 'DB_FOREIGN');
    expect(companionFiles(file)).toEqual([]);
  });

  it('a SQLite database stamped with another application_id, even with no tables', () => {
    const file = tmp.file('other-app.db');
    const raw = new Database(file);
    raw.pragma('application_id = 0x12345678');
    raw.close();
    const error = expectRefusedUnchanged(file, 'DB_FOREIGN');
    expect(error.message).toContain('0x12345678');
  });

  it('a file whose newest header is only in its -wal (the on-disk header still says NoteVault)', () => {
    const file = tmp.file('stale-header.db');
    createNoteVaultFile(file);
    // Another program has the file open and rewrote page 1 without checkpointing yet.
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.pragma('wal_autocheckpoint = 0');
    other.pragma('application_id = 0x0badf00d');
    expect(fs.readFileSync(file).readUInt32BE(68)).toBe(NOTEVAULT_APPLICATION_ID);
    try {
      const hashBefore = sha256(file);
      expect(caught(() => openNotesDatabase(file)).code).toBe('DB_FOREIGN');
      expect(sha256(file)).toBe(hashBefore);
    } finally {
      other.close();
    }
  });

  it('a file that is not SQLite at all', () => {
    const file = tmp.file('notes.txt');
    fs.writeFileSync(file, 'Shopping list\n- milk\n- bread\n'.repeat(50));
    expectRefusedUnchanged(file, 'DB_NOT_SQLITE');
    expect(companionFiles(file)).toEqual([]);
  });

  it('a file shorter than a SQLite header', () => {
    const file = tmp.file('tiny.db');
    fs.writeFileSync(file, 'SQLite');
    expectRefusedUnchanged(file, 'DB_NOT_SQLITE');
  });

  it('a SQLite file cut short inside its header, as damaged', () => {
    const file = tmp.file('cut.db');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(40, 1)]));
    expectRefusedUnchanged(file, 'DB_CORRUPT');
  });

  it('a folder, and a file in a folder that does not exist, as IO errors naming the path', () => {
    expect(caught(() => openNotesDatabase(tmp.path)).code).toBe('IO');
    const missing = tmp.file('no-such-folder/notes.db');
    const error = caught(() => openNotesDatabase(missing));
    expect(error.code).toBe('IO');
    expect(error.message).toContain(missing);
  });
});

describe.skipIf(process.platform === 'win32')('openNotesDatabase file permissions', () => {
  const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

  it('creates the database 0600, and SQLite gives its -wal and -shm the same mode', () => {
    const file = tmp.file('private.db');
    const db = openNotesDatabase(file);
    // A write that stays in the log: all three files exist while the connection is open.
    db.pragma('wal_autocheckpoint = 0');
    new NotesRepository(db).create({ title: 'Diary', body: 'for my eyes only' });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    for (const name of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(name), name).toBe('600');
    closeNotesDatabase(db);
    expect(modeOf(file)).toBe('600');
  });
});

describe('openNotesDatabase read-only', () => {
  it('reads the latest schema without writing, alongside an open writer', () => {
    const file = tmp.file('live.db');
    const writer = openNotesDatabase(file);
    new NotesRepository(writer).create({ title: 'Fresh', body: 'not yet checkpointed' });
    const reader = openNotesDatabase(file, { readonly: true });
    try {
      expect(reader.readonly).toBe(true);
      expect(new NotesRepository(reader).list().items.map((n) => n.title)).toEqual(['Fresh']);
      expect(() => new NotesRepository(reader).create({ title: 'x', body: '' })).toThrow(NoteVaultError);
    } finally {
      closeNotesDatabase(reader);
      closeNotesDatabase(writer);
    }
  });

  it('refuses an older schema instead of migrating it, leaving the file unchanged', () => {
    const file = tmp.file('v1.db');
    const raw = new Database(file);
    applyMigrations(raw, 1);
    raw.close();
    const hashBefore = sha256(file);
    const error = caught(() => openNotesDatabase(file, { readonly: true }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/version 1 .*needs version/);
    expect(sha256(file)).toBe(hashBefore);
  });

  it('refuses a missing file, an empty file and a foreign file', () => {
    expect(caught(() => openNotesDatabase(tmp.file('missing.db'), { readonly: true })).code).toBe('IO');
    expect(fs.existsSync(tmp.file('missing.db'))).toBe(false);
    fs.writeFileSync(tmp.file('empty.db'), '');
    expect(caught(() => openNotesDatabase(tmp.file('empty.db'), { readonly: true })).code).toBe('DB_FOREIGN');
    const raw = new Database(tmp.file('foreign.db'));
    raw.exec('CREATE TABLE t (x)');
    raw.close();
    expect(caught(() => openNotesDatabase(tmp.file('foreign.db'), { readonly: true })).code).toBe(
      'DB_FOREIGN',
    );
  });
});

describe('closeNotesDatabase', () => {
  it('checkpoints and releases the file so it can be renamed and deleted at once', () => {
    const file = tmp.file('notes.db');
    const db = openNotesDatabase(file);
    const repo = new NotesRepository(db);
    for (let i = 0; i < 20; i++) repo.create({ title: `Note ${i}`, body: 'text '.repeat(200) });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);

    closeNotesDatabase(db);
    expect(db.open).toBe(false);
    expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0).toBe(0);
    if (process.platform === 'linux') expect(openHandlesTo(file)).toEqual([]);

    // The main file alone now holds every note.
    const moved = tmp.file('moved.db');
    fs.renameSync(file, moved);
    const copy = tmp.file('copy.db');
    fs.copyFileSync(moved, copy);
    fs.rmSync(moved);
    expect(fs.existsSync(moved)).toBe(false);
    const reopened = openNotesDatabase(copy);
    expect(new NotesRepository(reopened).count()).toBe(20);
    closeNotesDatabase(reopened);
  });

  it('empties the -wal even while another connection keeps it alive', () => {
    const file = tmp.file('shared.db');
    const db = openNotesDatabase(file);
    new NotesRepository(db).create({ title: 'A', body: 'B' });
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(1); // maps the WAL
    try {
      closeNotesDatabase(db);
      expect(fs.statSync(`${file}-wal`).size).toBe(0);
    } finally {
      other.close();
    }
  });

  it('does nothing for an already closed database, read-only or not', () => {
    const file = tmp.file('twice.db');
    const db = openNotesDatabase(file);
    closeNotesDatabase(db);
    expect(() => closeNotesDatabase(db)).not.toThrow();
    const reader = openNotesDatabase(file, { readonly: true });
    closeNotesDatabase(reader);
    expect(reader.open).toBe(false);
  });
});
