import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openPlaintextDatabase } from './notes-database-checks';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sampleDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nv-untrusted-'));
  dirs.push(dir);
  const path = join(dir, 'x.db');
  const db = new Database(path);
  db.exec('CREATE TABLE t (a)');
  db.close();
  return path;
}

function imageOf(path: string): Buffer {
  const db = new Database(path);
  try {
    return db.serialize();
  } finally {
    db.close();
  }
}

describe('openPlaintextDatabase', () => {
  for (const [route, source] of [
    ['a file', () => sampleDatabase()],
    ['an image', () => imageOf(sampleDatabase())],
  ] as const) {
    it(`distrusts the schema of ${route}: trusted_schema off, cell_size_check on, defensive mode`, () => {
      const db = openPlaintextDatabase(source());
      try {
        expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
        expect(db.pragma('cell_size_check', { simple: true })).toBe(1);
        // Defensive mode (better-sqlite3 sets it on every connection): no editing the schema table.
        db.pragma('writable_schema = ON');
        expect(() => db.exec("UPDATE sqlite_schema SET sql = 'CREATE TABLE t (a, b)'")).toThrow(
          /may not be modified/,
        );
      } finally {
        db.close();
      }
    });
  }
});
