/**
 * Runs the real job worker (bundled from backup-job-worker.ts by worker-test-support) in
 * real worker threads, on real notes databases in temporary folders.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../../src-shared/errors';
import { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
import { cheapKdfParams } from '../../../test/main/backup/format/test-support';
import { deriveKey } from '../format/kdf';
import type { KdfParams } from '../format/kdf';
import type { JobProgress } from '../progress';
import type { BackupJob } from './job-protocol';
import { runBackupJob } from './run-backup-job';
import { padme } from '../format/v2/padme';
import type { BuiltWorker } from '../../../test/main/backup/worker/worker-test-support';
import {
  buildJobWorker,
  countNotes,
  createNotesDatabase,
} from '../../../test/main/backup/worker/worker-test-support';

let built: BuiltWorker;
let fixtureDir = '';
/** 300 notes of ~4 KB: small enough for the in-memory path. */
let smallDb = '';
/** 2,000 notes of ~8 KB (about 24 MB with the index): a job long enough to interrupt. */
let largeDb = '';
let key: Uint8Array;
let kdf: KdfParams;

beforeAll(async () => {
  built = await buildJobWorker();
  fixtureDir = await mkdtemp(join(tmpdir(), 'notevault-job-fixtures-'));
  smallDb = join(fixtureDir, 'small.db');
  largeDb = join(fixtureDir, 'large.db');
  createNotesDatabase(smallDb, 300, 4000);
  createNotesDatabase(largeDb, 2000, 8000);
  kdf = cheapKdfParams();
  key = await deriveKey('test passkey', kdf);
});

afterAll(async () => {
  await built.remove();
  await rm(fixtureDir, { recursive: true, force: true });
});

let dir = '';
let out = '';
let temp = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'notevault-job-'));
  out = join(dir, 'backups');
  temp = join(dir, 'temp');
  await mkdir(out);
  await mkdir(temp);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function backupJob(
  databasePath: string,
  extra: { inMemoryLimit?: number } = {},
): BackupJob & { kind: 'backup' } {
  return {
    kind: 'backup',
    request: {
      databasePath,
      destination: out,
      keySource: { key, kdf },
      kind: 'manual',
      appVersion: '0.1.0-test',
      tempParent: temp,
      ...extra,
    },
  };
}

async function expectCode(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  const failure = error as NoteVaultError;
  expect(failure.code).toBe(code);
  if (message !== undefined) expect(failure.message).toMatch(message);
  return failure;
}

describe('runBackupJob with the real worker', () => {
  it('backs up, verifies, inspects and restores end to end, reporting progress', async () => {
    const progress: JobProgress[] = [];
    const backup = await runBackupJob(backupJob(smallDb), {
      workerPath: built.workerPath,
      onProgress: (p) => progress.push(p),
    });
    expect(backup.file.startsWith(out)).toBe(true);
    expect(backup.file).toMatch(/NoteVault-.*Z\.nvbak$/);
    expect(backup.metadata.noteCount).toBe(300);
    expect(await readdir(out)).toEqual([backup.file.slice(out.length + 1)]);
    expect(await readdir(temp)).toEqual([]);

    const phases = progress.map((p) => p.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['checking-space', 'snapshot', 'encrypting', 'verifying', 'finishing']);
    const encrypting = progress.filter((p) => p.phase === 'encrypting');
    // Format v2 encrypts the payload and its Padmé padding.
    expect(encrypting.at(-1)).toEqual({
      phase: 'encrypting',
      bytesDone: padme(backup.metadata.plaintextSize),
      bytesTotal: padme(backup.metadata.plaintextSize),
    });
    for (let i = 1; i < encrypting.length; i++) {
      expect(encrypting[i]!.bytesDone).toBeGreaterThanOrEqual(encrypting[i - 1]!.bytesDone);
    }

    const verified = await runBackupJob(
      {
        kind: 'verify',
        request: { file: backup.file, keySource: { passkey: 'test passkey' }, tempParent: temp },
      },
      { workerPath: built.workerPath },
    );
    expect(verified.noteCount).toBe(300);

    const inspected = await runBackupJob(
      { kind: 'inspect', request: { file: backup.file, keySource: { key, kdf } } },
      { workerPath: built.workerPath },
    );
    expect(inspected.header.kdf).toEqual({
      algorithm: kdf.algorithm,
      opslimit: kdf.opslimit,
      memlimit: kdf.memlimit,
    });
    expect(inspected.metadata?.plaintextSha256).toBe(backup.metadata.plaintextSha256);

    const restoredPath = join(dir, 'new-machine', 'notevault.db');
    await mkdir(join(dir, 'new-machine'));
    const restored = await runBackupJob(
      {
        kind: 'restore',
        request: {
          file: backup.file,
          databasePath: restoredPath,
          keySource: { key, kdf },
          safetyKeySource: { key, kdf },
          safetyBackupFolder: out,
          safetyBackupCosts: { opslimit: kdf.opslimit, memlimit: kdf.memlimit },
          appVersion: '0.1.0-test',
          tempParent: temp,
        },
      },
      { workerPath: built.workerPath },
    );
    expect(restored).toMatchObject({ restoredNotes: 300, safetyBackup: null });
    expect(countNotes(restoredPath)).toBe(300);
  });

  it('carries the pipeline error code across the thread boundary', async () => {
    const failure = await expectCode(
      runBackupJob(
        { kind: 'inspect', request: { file: smallDb, keySource: { key, kdf } } },
        { workerPath: built.workerPath },
      ),
      'NOT_A_BACKUP',
      /small\.db is not a NoteVault backup/,
    );
    expect(failure.stack ?? '').not.toMatch(/backup-job-worker\.js/);
  });

  it('cancels mid-encryption: CANCELLED, and no backup, partial or plaintext left behind', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const run = runBackupJob(backupJob(largeDb, { inMemoryLimit: 1024 * 1024 }), {
      workerPath: built.workerPath,
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.phase);
        if (p.phase === 'encrypting') controller.abort();
      },
    });
    await expectCode(run, 'CANCELLED', /cancelled/);
    expect(seen).toContain('snapshot');
    expect(seen).not.toContain('verifying');
    expect(await readdir(out)).toEqual([]);
    // The snapshot lived on disk (file path): the worker's own cleanup wiped its folder.
    expect(await readdir(temp)).toEqual([]);
  });

  it('refuses a second job while one runs (BUSY), and accepts one again afterwards', async () => {
    const first = runBackupJob(backupJob(smallDb), { workerPath: built.workerPath });
    await expectCode(
      runBackupJob(backupJob(smallDb), { workerPath: built.workerPath }),
      'BUSY',
      /another backup, restore or check is still running/,
    );
    await first;
    const again = await runBackupJob(backupJob(smallDb), { workerPath: built.workerPath });
    expect(existsSync(again.file)).toBe(true);
  });

  it('reports a crashed worker as INTERNAL and sweeps the plaintext and partial it left', async () => {
    const crashing = await built.crashingWorkerPath('encrypting');
    const job = backupJob(largeDb, { inMemoryLimit: 1024 * 1024 });

    // Control: the same crash without runBackupJob leaves a snapshot folder and a partial.
    const raw = new Worker(crashing);
    raw.postMessage({ type: 'start', job, liveDatabaseHeld: false });
    expect(await new Promise((resolve) => raw.once('exit', resolve))).toBe(70);
    expect((await readdir(temp)).filter((n) => n.startsWith('notevault-tmp-backup-'))).toHaveLength(1);
    expect((await readdir(out)).filter((n) => n.endsWith('.nvbak.partial'))).toHaveLength(1);

    await expectCode(
      runBackupJob(job, { workerPath: crashing }),
      'INTERNAL',
      /backup stopped unexpectedly.*exit code 70.*Temporary files it left were cleaned up/,
    );
    expect(await readdir(temp)).toEqual([]);
    expect(await readdir(out)).toEqual([]);
  });

  it('ends a worker that ignores the cancel after the grace period, then sweeps its folders', async () => {
    const leftover = join(temp, 'notevault-tmp-backup-Zz9Yy8');
    await mkdir(leftover);
    const controller = new AbortController();
    const run = runBackupJob(backupJob(smallDb), {
      workerPath: await built.hungWorkerPath(),
      signal: controller.signal,
      cancelGraceMs: 200,
    });
    setTimeout(() => controller.abort(), 100);
    await expectCode(run, 'CANCELLED', /was cancelled\. The worker did not stop in time and was ended\./);
    expect(existsSync(leftover)).toBe(false);
  });

  it('ends a worker that answered but does not exit, and keeps its answer', async () => {
    // Without the exit grace this would never resolve: the timer keeps the thread alive.
    const backup = await runBackupJob(backupJob(smallDb), {
      workerPath: await built.lingeringWorkerPath(),
      exitGraceMs: 300,
    });
    expect(existsSync(backup.file)).toBe(true);
    // Ended, so the next job is not BUSY.
    expect(
      (await runBackupJob(backupJob(smallDb), { workerPath: built.workerPath })).metadata.noteCount,
    ).toBe(300);
  });

  it('asks the main thread to release the live database during a restore, and waits for it', async () => {
    const backup = await runBackupJob(backupJob(smallDb), { workerPath: built.workerPath });
    const livePath = join(dir, 'live.db');
    createNotesDatabase(livePath, 5, 100);
    const live = openNotesDatabase(livePath);
    const calls: boolean[] = [];
    const restored = await runBackupJob(
      {
        kind: 'restore',
        request: {
          file: backup.file,
          databasePath: livePath,
          keySource: { key, kdf },
          safetyKeySource: { key, kdf },
          safetyBackupFolder: out,
          safetyBackupCosts: { opslimit: kdf.opslimit, memlimit: kdf.memlimit },
          appVersion: '0.1.0-test',
          tempParent: temp,
        },
      },
      {
        workerPath: built.workerPath,
        releaseLiveDatabase: () => {
          calls.push(live.open);
          closeNotesDatabase(live);
          return Promise.resolve();
        },
      },
    );
    expect(calls).toEqual([true]);
    expect(restored.restoredNotes).toBe(300);
    expect(restored.safetyBackup).toMatch(/-before-restore\.nvbak$/);
    expect(countNotes(livePath)).toBe(300);
  });

  it("fails the restore with the app's own error when releasing the live database fails", async () => {
    const backup = await runBackupJob(backupJob(smallDb), { workerPath: built.workerPath });
    const livePath = join(dir, 'live.db');
    createNotesDatabase(livePath, 5, 100);
    await expectCode(
      runBackupJob(
        {
          kind: 'restore',
          request: {
            file: backup.file,
            databasePath: livePath,
            keySource: { key, kdf },
            safetyKeySource: { key, kdf },
            safetyBackupFolder: out,
            safetyBackupCosts: { opslimit: kdf.opslimit, memlimit: kdf.memlimit },
            appVersion: '0.1.0-test',
            tempParent: temp,
          },
        },
        {
          workerPath: built.workerPath,
          releaseLiveDatabase: () =>
            Promise.reject(
              new NoteVaultError('FILE_LOCKED', 'The notes database is held by another program.'),
            ),
        },
      ),
      'FILE_LOCKED',
      /held by another program/,
    );
    expect(countNotes(livePath)).toBe(5);
  });

  it('stops the job when the progress handler throws, reporting that as the failure', async () => {
    await expectCode(
      runBackupJob(backupJob(smallDb), {
        workerPath: built.workerPath,
        onProgress: () => {
          throw new Error('display is gone');
        },
      }),
      'INTERNAL',
      /progress handler failed: display is gone/,
    );
    expect(await readdir(out)).toEqual([]);
  });

  it('refuses an already cancelled signal and a worker file that cannot start', async () => {
    const controller = new AbortController();
    controller.abort();
    await expectCode(
      runBackupJob(backupJob(smallDb), { workerPath: built.workerPath, signal: controller.signal }),
      'CANCELLED',
      /cancelled before it started/,
    );
    await expectCode(
      runBackupJob(backupJob(smallDb), { workerPath: join(dir, 'no-such-worker.js') }),
      'INTERNAL',
      /no-such-worker\.js/,
    );
    await expectCode(
      runBackupJob(backupJob(smallDb), { workerPath: 'relative/worker.js' }),
      'INTERNAL',
      /could not start its worker thread from relative\/worker\.js/,
    );
  });

  it('refuses a request that cannot cross to the worker', async () => {
    const job = backupJob(smallDb);
    const withFunction = { ...job, request: { ...job.request, now: () => new Date() } };
    await expectCode(
      runBackupJob(withFunction, { workerPath: built.workerPath }),
      'INTERNAL',
      /could not be handed/,
    );
  });
});

describe('backup-job-worker outside a worker thread', () => {
  it('refuses to run as a plain script', async () => {
    const run = promisify(execFile)(process.execPath, [built.workerPath]);
    const failure = (await run.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: number; stderr?: string } | undefined;
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toMatch(/must be started as a worker thread by runBackupJob/);
  });
});
