/**
 * The gate with the real job worker (bundled by worker-test-support) on real notes databases:
 * a background job gives way to a person's job, which starts as soon as the background
 * worker has ended; on Linux the background worker's thread, and only it, runs at nice 10.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { deriveKey } from '../backup/format/kdf';
import type { KdfParams } from '../backup/format/kdf';
import type { JobProgress } from '../backup/progress';
import type { BackupJob } from '../backup/worker/job-protocol';
import { LOW_PRIORITY_NICE } from '../backup/worker/low-priority-thread';
import { cheapKdfParams } from '../../test/main/backup/format/test-support';
import type { BuiltWorker } from '../../test/main/backup/worker/worker-test-support';
import { buildJobWorker, createNotesDatabase } from '../../test/main/backup/worker/worker-test-support';
import { JobGate } from './job-gate';

let built: BuiltWorker;
let dir = '';
let smallDb = '';
let largeDb = '';
let key: Uint8Array;
let kdf: KdfParams;

beforeAll(async () => {
  built = await buildJobWorker();
  dir = await mkdtemp(join(tmpdir(), 'notevault-job-gate-'));
  smallDb = join(dir, 'small.db');
  largeDb = join(dir, 'large.db');
  createNotesDatabase(smallDb, 50, 1000);
  createNotesDatabase(largeDb, 2000, 8000);
  kdf = cheapKdfParams();
  key = await deriveKey('test passkey', kdf);
  await mkdir(join(dir, 'out'));
});

afterAll(async () => {
  await built.remove();
  await rm(dir, { recursive: true, force: true });
});

function backupJob(databasePath: string): BackupJob & { kind: 'backup' } {
  return {
    kind: 'backup',
    request: {
      databasePath,
      destination: join(dir, 'out'),
      keySource: { key, kdf },
      kind: 'manual',
      appVersion: '0.1.0-test',
      tempParent: dir,
    },
  };
}

/** Nice value of each thread of this process, by thread id (Linux /proc). */
function threadNiceValues(): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      nice.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return nice;
}

async function failure(promise: Promise<unknown>): Promise<NoteVaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NoteVaultError);
  return error as NoteVaultError;
}

describe('JobGate background jobs', () => {
  it('a person’s job cancels a running background job and starts once its worker ended', async () => {
    const gate = new JobGate(built.workerPath);
    let encrypting!: () => void;
    const started = new Promise<void>((resolve) => (encrypting = resolve));
    const background = gate.runLowPriority(backupJob(largeDb), {
      onProgress: (progress: JobProgress) => {
        if (progress.phase === 'encrypting') encrypting();
      },
    });
    await started;
    expect(gate.isBackgroundRunning()).toBe(true);
    // Background work is not "busy": the scheduler and the window go ahead and start theirs.
    expect(gate.isBusy()).toBe(false);
    const busy: boolean[] = [];
    gate.onDidChangeBusy((value) => busy.push(value));

    const backgroundFailure = failure(background);
    const made = await gate.run(backupJob(smallDb));
    expect(made.metadata.noteCount).toBe(50);
    const yielded = await backgroundFailure;
    expect(yielded.code).toBe('BUSY');
    expect(yielded.message).toMatch(/gave way to a job you started/);
    expect(gate.isBackgroundRunning()).toBe(false);
    expect(busy).toEqual([true, false]);
  });

  it('refuses a background job while another job runs, and cancels it on its own signal', async () => {
    const gate = new JobGate(built.workerPath);
    const person = gate.run(backupJob(smallDb));
    expect((await failure(gate.runLowPriority(backupJob(smallDb)))).code).toBe('BUSY');
    await person;

    const controller = new AbortController();
    controller.abort();
    expect((await failure(gate.runLowPriority(backupJob(smallDb), { signal: controller.signal }))).code).toBe(
      'CANCELLED',
    );
  });

  it.runIf(process.platform === 'linux')(
    'runs the background worker’s thread, and only it, at nice 10 on Linux',
    async () => {
      const gate = new JobGate(built.workerPath);
      const lowered = new Set<number>();
      const mainNice: number[] = [];
      const watch = () => {
        for (const [tid, nice] of threadNiceValues()) {
          if (tid === process.pid) mainNice.push(nice);
          else if (nice === LOW_PRIORITY_NICE) lowered.add(tid);
        }
      };
      const background = await gate.runLowPriority(backupJob(largeDb), { onProgress: watch });
      expect(background.metadata.noteCount).toBe(2000);
      expect(lowered.size).toBe(1);
      expect(new Set(mainNice)).toEqual(new Set([0]));
      // Its thread ended with the job; a person's job runs at normal priority.
      const seen = new Set<number>();
      await gate.run(backupJob(smallDb), {
        onProgress: () => {
          for (const nice of threadNiceValues().values()) seen.add(nice);
        },
      });
      expect(seen).toEqual(new Set([0]));
    },
  );
});
