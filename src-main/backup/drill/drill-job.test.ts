/**
 * The drill as H2's drill service runs it: a 'drill' job in the real job worker (bundled by
 * worker-test-support), after a 'backup' job whose result is what the catalogue keeps.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import { buildJobWorker, createNotesDatabase } from '../../../test/main/backup/worker/worker-test-support';
import { deriveKey } from '../format/kdf';
import type { KdfParams } from '../format/kdf';
import type { JobProgress } from '../progress';
import { runBackupJob } from '../worker/run-backup-job';

let built: BuiltWorker;
let dir = '';
let key: Uint8Array;
let kdf: KdfParams;

beforeAll(async () => {
  built = await buildJobWorker();
  dir = await mkdtemp(join(tmpdir(), 'notevault-drill-job-'));
  kdf = cheapKdfParams();
  key = await deriveKey('test passkey', kdf);
});

afterAll(async () => {
  await built.remove();
  await rm(dir, { recursive: true, force: true });
});

async function backUp(notes: number, bodySize: number) {
  const here = await mkdtemp(join(dir, 'case-'));
  const databasePath = join(here, 'notes.db');
  const backups = join(here, 'backups');
  const temp = join(here, 'temp');
  await mkdir(backups);
  await mkdir(temp);
  createNotesDatabase(databasePath, notes, bodySize);
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
  return { made, temp };
}

describe("the worker's 'drill' job", () => {
  it('drills a backup the backup job just wrote, with the size and hash that job reported', async () => {
    const { made, temp } = await backUp(300, 2000);
    const progress: JobProgress[] = [];
    const result = await runBackupJob(
      {
        kind: 'drill',
        request: {
          file: made.file,
          expected: { size: made.size, fileSha256: made.fileSha256, createdAt: made.metadata.createdAt },
          keySource: { passkey: 'test passkey' },
          tempParent: temp,
        },
      },
      { workerPath: built.workerPath, onProgress: (p) => progress.push(p) },
    );
    expect(result).toMatchObject({
      ok: true,
      noteCount: 300,
      manifestChecked: true,
      createdAt: made.metadata.createdAt,
      fileSha256: made.fileSha256,
    });
    const phases = progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    // Never 'replacing', which the window words as replacing the person's notes.
    expect(phases).toEqual(['deriving-key', 'decrypting', 'validating']);
    expect(await readdir(temp)).toEqual([]);
  });

  it('cancels while rebuilding the sandbox: CANCELLED, and every plaintext folder wiped', async () => {
    const { made, temp } = await backUp(600, 8000);
    const controller = new AbortController();
    const run = runBackupJob(
      {
        kind: 'drill',
        request: { file: made.file, keySource: { key, kdf }, tempParent: temp, inMemoryLimit: 1024 * 1024 },
      },
      {
        workerPath: built.workerPath,
        signal: controller.signal,
        onProgress: (p) => {
          // The last report before the sandbox is rebuilt.
          if (p.phase === 'validating' && p.bytesDone === p.bytesTotal) controller.abort();
        },
      },
    );
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoteVaultError);
    expect((error as NoteVaultError).code).toBe('CANCELLED');
    expect(await readdir(temp)).toEqual([]);
  });
});
