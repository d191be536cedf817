import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openNotesDatabase, closeNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { LATEST_SCHEMA_VERSION } from '../db/schema-constants';
import { createPrivateTempDir } from '../fsx/private-temp';
import { fsError } from '../../test/main/fsx/test-faults';
import { nodeFileSystem } from '../fsx/fs-seam';
import {
  canFillUp,
  cheapKey,
  fileKeyOf,
  makeNotesDatabase,
  onFullDrive,
  useWorkspace,
} from '../../test/main/backup/backup-test-support';
import { createBackup } from './create-backup';
import { decryptToBytes, expectFailure } from '../../test/main/backup/format/test-support';
import { snapshotDatabaseToMemory } from './memory-snapshot';
import { snapshotDatabase } from './snapshot';

const ws = useWorkspace();

// Each transaction adds a batch of 10 notes and sets the ledger note's body to the number of
// batch notes, so a consistent snapshot has complete batches and a ledger that agrees.
const WRITER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2], { timeout: 5000 });
db.pragma('journal_mode = WAL');
const insert = db.prepare("INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, 'x', 1, 1)");
const ledger = db.prepare("UPDATE notes SET body = ? WHERE id = 'ledger'");
let batch = 0;
const step = db.transaction(() => {
  for (let k = 0; k < 10; k++) insert.run('b' + batch + '-' + k, 'batch ' + batch);
  batch++;
  ledger.run(String(batch * 10));
});
for (;;) { step(); if (batch === 20) process.stdout.write('running\\n'); }
`;

let writer: ChildProcess | undefined;
afterEach(() => {
  writer?.kill('SIGKILL');
  writer = undefined;
});

function seedLedger(path: string): void {
  const db = openNotesDatabase(path);
  db.prepare(
    "INSERT INTO notes (id, title, body, created_at, updated_at) VALUES ('ledger', 'ledger', '0', 1, 1)",
  ).run();
  closeNotesDatabase(db);
}

async function startWriter(path: string): Promise<void> {
  writer = spawn(process.execPath, ['-e', WRITER, require.resolve('better-sqlite3'), path], {
    stdio: 'pipe',
  });
  await new Promise<void>((resolve, reject) => {
    writer?.stdout?.once('data', () => resolve());
    writer?.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
  });
}

function expectConsistent(db: Database.Database): number {
  const count = db.prepare("SELECT count(*) FROM notes WHERE id <> 'ledger'").pluck().get() as number;
  const ledger = db.prepare("SELECT body FROM notes WHERE id = 'ledger'").pluck().get();
  const torn = db
    .prepare("SELECT title FROM notes WHERE id <> 'ledger' GROUP BY title HAVING count(*) <> 10")
    .all();
  expect({ ledger, torn }).toEqual({ ledger: String(count), torn: [] });
  return count;
}

describe('snapshots of a live database', () => {
  it('are one consistent moment while another process keeps writing', async () => {
    makeNotesDatabase(ws.db, 0);
    seedLedger(ws.db);
    await startWriter(ws.db);
    const counts: number[] = [];
    for (let round = 0; round < 3; round++) {
      const memory = await snapshotDatabaseToMemory(ws.db);
      const fromMemory = new Database(memory.bytes);
      counts.push(expectConsistent(fromMemory));
      expect(memory.noteCount).toBe(counts.at(-1)! + 1);
      fromMemory.close();

      const dir = await createPrivateTempDir(ws.temp, 'snapshot-test');
      const file = join(dir, 'snapshot.db');
      const facts = await snapshotDatabase(ws.db, file);
      const fromFile = new Database(file, { readonly: true });
      counts.push(expectConsistent(fromFile));
      expect(facts.noteCount).toBe(counts.at(-1)! + 1);
      fromFile.close();
    }
    // The writer really was running between snapshots.
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('hold a consistent count while the same process writes between awaits of a backup', async () => {
    makeNotesDatabase(ws.db, 0);
    seedLedger(ws.db);
    const db = openNotesDatabase(ws.db);
    const notes = new NotesRepository(db);
    let batch = 0;
    let writing = true;
    const loop = (async () => {
      while (writing) {
        db.transaction(() => {
          for (let k = 0; k < 10; k++) notes.create({ title: `batch ${batch}`, body: 'x' });
          batch++;
          db.prepare("UPDATE notes SET body = ? WHERE id = 'ledger'").run(String(batch * 10));
        })();
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const key = await cheapKey();
    const backups = [];
    for (const inMemoryLimit of [undefined, 0, undefined]) {
      backups.push(
        await createBackup({
          databasePath: ws.db,
          destination: ws.backups,
          keySource: key,
          kind: 'scheduled',
          appVersion: '0.1.0',
          tempParent: ws.temp,
          inMemoryLimit,
        }),
      );
    }
    writing = false;
    await loop;
    closeNotesDatabase(db);
    for (const backup of backups) {
      const inside = new Database(
        Buffer.from(await decryptToBytes(backup.file, await fileKeyOf(backup.file, key))),
      );
      expect(expectConsistent(inside) + 1).toBe(backup.metadata.noteCount);
      inside.close();
    }
    expect(batch).toBeGreaterThan(0);
  });

  it('are compact, in rollback-journal mode, with nothing beside the file', async () => {
    makeNotesDatabase(ws.db, 400, 2000);
    const db = openNotesDatabase(ws.db);
    db.exec("DELETE FROM notes WHERE title LIKE '%0'");
    closeNotesDatabase(db);
    const dir = await createPrivateTempDir(ws.temp, 'snapshot-test');
    const file = join(dir, 'snapshot.db');
    const facts = await snapshotDatabase(ws.db, file);
    expect(facts).toMatchObject({ noteCount: 360, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(readdirSync(dir)).toEqual(['snapshot.db']);
    const memory = await snapshotDatabaseToMemory(ws.db);
    for (const snapshot of [new Database(file, { readonly: true }), new Database(memory.bytes)]) {
      expect(snapshot.pragma('freelist_count', { simple: true })).toBe(0);
      snapshot.close();
    }
    expect(memory.bytes.subarray(18, 20)).toEqual(Buffer.from([1, 1]));
    expect(memory.size).toBe(facts.size);
  });

  it('fail when the snapshot cannot be flushed to disk', async () => {
    makeNotesDatabase(ws.db, 1);
    const dir = await createPrivateTempDir(ws.temp, 'snapshot-test');
    const file = join(dir, 'snapshot.db');
    const fs = {
      ...nodeFileSystem,
      open: async (path: string, flags: string | number, mode?: number) => {
        const handle = await nodeFileSystem.open(path, flags, mode);
        handle.sync = () => Promise.reject(fsError('EIO', 'fsync', path));
        return handle;
      },
    };
    await expectFailure(snapshotDatabase(ws.db, file, { fileLayer: { fs } }), 'IO', /flush to disk.*EIO/);
  });

  it.runIf(canFillUp)(
    'that run out of room name the copy and its folder, with the figures, not the live database',
    async () => {
      makeNotesDatabase(ws.db, 20);
      const dir = await createPrivateTempDir(ws.temp, 'snapshot-test');
      const file = onFullDrive(join(dir, 'snapshot.db'));
      const error = await expectFailure(
        snapshotDatabase(ws.db, file, { neededBytes: 3 * 1024 * 1024 }),
        'DISK_FULL',
        /the drive is full \(SQLITE_FULL\)/,
      );
      expect(error.message).toContain(`the temporary copy of your notes "${file}"`);
      expect(error.message).toContain(`the drive that holds "${ws.temp}"`);
      expect(error.message).toMatch(/; it needed about 3\.0 MB and \d+(\.\d)? (bytes|KB|MB|GB|TB) was free/);
      expect(error.message).not.toContain(ws.db);
    },
  );
});
