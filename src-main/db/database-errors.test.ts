import * as fs from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from './database-errors';
import { useTempDir } from '../../test/main/db/test-support';

const tmp = useTempDir();

/** Runs `action`, which must throw, and returns what it threw. */
function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (err) {
    return err;
  }
  throw new Error('expected the action to throw');
}

describe('toNoteVaultError with real SQLite failures', () => {
  it('SQLITE_NOTADB becomes DB_NOT_SQLITE', () => {
    const file = tmp.file('text.db');
    fs.writeFileSync(file, 'plain text, not a database '.repeat(40));
    const db = new Database(file, { readonly: true });
    const err = thrownBy(() => db.pragma('user_version'));
    db.close();
    expect(err).toMatchObject({ code: 'SQLITE_NOTADB' });
    const mapped = toNoteVaultError(err, file);
    expect(mapped).toMatchObject({ code: 'DB_NOT_SQLITE' });
    expect(mapped.message).toContain(file);
    expect(mapped.cause).toBe(err);
  });

  it('SQLITE_CORRUPT becomes DB_CORRUPT', () => {
    const file = tmp.file('damaged.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE t (x TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
             INSERT INTO t SELECT printf('row %d', i) FROM n`);
    db.close();
    // Overwrite the table's root page (page 2) with garbage.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096);
    fs.closeSync(fd);
    const damaged = new Database(file);
    const err = thrownBy(() => damaged.prepare('SELECT count(*) FROM t').get());
    damaged.close();
    expect(String((err as { code?: unknown }).code)).toMatch(/^SQLITE_CORRUPT/);
    expect(toNoteVaultError(err, file)).toMatchObject({ code: 'DB_CORRUPT' });
  });

  it('SQLITE_BUSY (another connection holds the write lock) becomes FILE_LOCKED', () => {
    const file = tmp.file('busy.db');
    const holder = new Database(file);
    holder.exec('CREATE TABLE t (x)');
    holder.exec('BEGIN IMMEDIATE');
    const impatient = new Database(file, { timeout: 0 });
    const err = thrownBy(() => impatient.exec('INSERT INTO t VALUES (1)'));
    holder.exec('ROLLBACK');
    holder.close();
    impatient.close();
    expect(err).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(toNoteVaultError(err, file)).toMatchObject({ code: 'FILE_LOCKED' });
  });

  it('SQLITE_FULL becomes DISK_FULL', () => {
    const file = tmp.file('full.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x BLOB)');
    // A page cap is SQLite's own way to hit "database or disk is full" without filling a disk.
    db.pragma('max_page_count = 3');
    const err = thrownBy(() => db.prepare('INSERT INTO t VALUES (zeroblob(100000))').run());
    db.close();
    expect(err).toMatchObject({ code: 'SQLITE_FULL' });
    expect(toNoteVaultError(err, file)).toMatchObject({ code: 'DISK_FULL' });
  });

  it('SQLITE_FULL names the file the statement was writing, not the database it read', () => {
    const db = new Database(tmp.file('copy.db'));
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma('max_page_count = 3');
    const err = thrownBy(() => db.prepare('INSERT INTO t VALUES (zeroblob(100000))').run());
    db.close();
    const live = tmp.file('live.db');
    const copy = tmp.file('copy.db');
    const mapped = toNoteVaultError(err, live, { file: copy, what: 'the copy', neededBytes: 2048 });
    expect(mapped.code).toBe('DISK_FULL');
    expect(mapped.message).toMatch(
      /^Could not write the copy ".*copy\.db": the drive is full \(SQLITE_FULL\); it needed about 2\.0 KB\./,
    );
    expect(mapped.message).toContain(`the drive that holds "${tmp.path}"`);
    expect(mapped.message).not.toContain(live);
    // Without one, the database itself is what filled up (the app saving a note).
    expect(toNoteVaultError(err, live).message).toContain(`Could not write "${live}": the drive is full`);
  });

  it('SQLITE_CANTOPEN and SQLITE_IOERR become IO naming the path', () => {
    const missing = tmp.file('missing.db');
    const cantOpen = thrownBy(() => new Database(missing, { fileMustExist: true }));
    expect(cantOpen).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    const mapped = toNoteVaultError(cantOpen, missing);
    expect(mapped.code).toBe('IO');
    expect(mapped.message).toContain(missing);

    // Reading a folder as a database fails with an extended code (SQLITE_IOERR_READ).
    const ioError = thrownBy(() => new Database(tmp.path, { readonly: true }));
    expect(String((ioError as { code?: unknown }).code)).toMatch(/^SQLITE_IOERR_/);
    expect(toNoteVaultError(ioError, tmp.path)).toMatchObject({ code: 'IO' });
  });

  it("better-sqlite3's missing-folder TypeError becomes IO", () => {
    const file = tmp.file('absent/notes.db');
    const err = thrownBy(() => new Database(file));
    expect(err).toBeInstanceOf(TypeError);
    expect(toNoteVaultError(err, file)).toMatchObject({ code: 'IO' });
  });

  it('a failing SQL statement is a bug, reported as INTERNAL', () => {
    const db = new Database(':memory:');
    const err = thrownBy(() => db.exec('SELECT * FROM no_such_table'));
    db.close();
    expect(toNoteVaultError(err, 'notes.db')).toMatchObject({ code: 'INTERNAL' });
  });
});

describe('toNoteVaultError with file-system and other errors', () => {
  it('maps real fs errors: ENOENT and EISDIR to IO', () => {
    for (const action of [() => fs.readFileSync(tmp.file('nope')), () => fs.readFileSync(tmp.path)]) {
      const mapped = toNoteVaultError(thrownBy(action), 'x.db');
      expect(mapped.code).toBe('IO');
      expect(mapped.message).toContain('x.db');
    }
  });

  it('maps the errno codes of a full disk and a locked file', () => {
    // Node raises these with this shape; they cannot be provoked portably in a test.
    const systemError = (code: string) =>
      Object.assign(new Error(`${code}: write`), { code, syscall: 'write' });
    expect(toNoteVaultError(systemError('ENOSPC'), 'a.db').code).toBe('DISK_FULL');
    expect(toNoteVaultError(systemError('EBUSY'), 'a.db').code).toBe('FILE_LOCKED');
    expect(toNoteVaultError(systemError('EACCES'), 'a.db').code).toBe('IO');
  });

  it('passes a NoteVaultError through untouched and treats anything else as INTERNAL', () => {
    const original = new NoteVaultError('NOT_FOUND', 'gone');
    expect(toNoteVaultError(original, 'a.db')).toBe(original);
    expect(toNoteVaultError(new RangeError('boom'), 'a.db')).toMatchObject({ code: 'INTERNAL' });
    expect(toNoteVaultError('a string', 'a.db').message).toContain('a string');
  });
});
