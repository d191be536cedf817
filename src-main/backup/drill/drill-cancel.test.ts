/**
 * A restore drill gives way to a person's job at any point of its rebuild (issue #17): the
 * drill runs at low priority through the real JobGate and job worker; a person's job starts
 * once the drill's copy of the rows is done (seen through the drill's progress), while the
 * drill is busy with what follows (each table's digest, the search index, the checks and the
 * manifest of its sandbox). The worker only hears Cancel on a turn of its event loop, so
 * before those passes took turns the drill finished instead of giving way.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { buildJobWorker, createNotesDatabase } from '../../../test/main/backup/worker/worker-test-support';
import { JobGate } from '../../app/job-gate';
import { valueBytes } from '../cancel-pace';
import { deriveKey } from '../format/kdf';
import type { KdfParams } from '../format/kdf';
import { runBackupJob } from '../worker/run-backup-job';
import { userDataTables } from '../user-data-tables';
import { quoteName } from '../user-data-tables';

let built: BuiltWorker;
let dir = '';
let key: Uint8Array;
let kdf: KdfParams;

beforeAll(async () => {
  built = await buildJobWorker();
  dir = await mkdtemp(join(tmpdir(), 'notevault-drill-cancel-'));
  kdf = cheapKdfParams();
  key = await deriveKey('test passkey', kdf);
});

afterAll(async () => {
  await built.remove();
  await rm(dir, { recursive: true, force: true });
});

/** What the rebuild's progress reaches once every row is copied: the bytes of every copied value. */
function copiedBytes(databasePath: string): number {
  const db = new Database(databasePath, { readonly: true });
  try {
    let bytes = 0;
    for (const table of userDataTables(db)) {
      const rows = db.prepare(`SELECT ${table.columns.join(', ')} FROM ${quoteName(table.name)}`).raw();
      for (const row of rows.iterate() as IterableIterator<unknown[]>) {
        for (const value of row) bytes += valueBytes(value);
      }
    }
    return bytes;
  } finally {
    db.close();
  }
}

describe('a restore drill cancelled while it rebuilds', () => {
  it("gives way to a person's job after copying its rows: BUSY, its worker ended, no plaintext left", async () => {
    const databasePath = join(dir, 'notes.db');
    const backups = join(dir, 'backups');
    const temp = join(dir, 'temp');
    await mkdir(backups);
    await mkdir(temp);
    createNotesDatabase(databasePath, 3000, 6000);
    const made = await runBackupJob(
      {
        kind: 'backup',
        request: {
          databasePath,
          destination: backups,
          keySource: { key, kdf },
          kind: 'scheduled',
          appVersion: '0.1.0-test',
          tempParent: temp,
        },
      },
      { workerPath: built.workerPath },
    );
    const copied = copiedBytes(databasePath);
    const gate = new JobGate(built.workerPath);
    let person: Promise<unknown> | undefined;
    let askedAt = 0;
    const drill = gate.runLowPriority(
      {
        kind: 'drill',
        request: { file: made.file, keySource: { key, kdf }, tempParent: temp, inMemoryLimit: 1024 * 1024 },
      },
      {
        onProgress: (p) => {
          // The rebuild reports against the database's size; the checks before it report 0/1, 1/1.
          const rowsCopied = p.phase === 'validating' && p.bytesTotal > 1 && p.bytesDone >= copied;
          if (!rowsCopied || person !== undefined) return;
          // A moment later, so the worker is surely past the copy's last look at its event loop.
          person = new Promise((resolve) => setTimeout(resolve, 30)).then(() => {
            askedAt = performance.now();
            return gate.run({ kind: 'inspect', request: { file: made.file } }).then(
              (inspected) => ({ inspected }),
              (error: unknown) => ({ error }),
            );
          });
        },
      },
    );
    const outcome = await drill.then(
      () => 'finished',
      (e: unknown) => e,
    );
    expect(person, 'the rebuild never reported its copied rows').toBeDefined();
    // The person's job starts only once the drill's worker has ended (runBackupJob refuses a
    // second job meanwhile with BUSY), and it then runs.
    expect(await person).toMatchObject({ inspected: { header: { formatVersion: 2 } } });
    expect(askedAt).toBeGreaterThan(0);
    expect(outcome).toBeInstanceOf(NoteVaultError);
    expect((outcome as NoteVaultError).code).toBe('BUSY');
    expect(gate.isBackgroundRunning()).toBe(false);
    expect(await readdir(temp)).toEqual([]);
  });
});
