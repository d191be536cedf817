/**
 * worker_threads entry for one backup, verify, restore or inspect job. runBackupJob starts
 * a fresh thread per job and this file runs it, so the Argon2id WebAssembly heap (up to
 * 1 GiB, never shrunk once grown) and every plaintext buffer die with the thread, and the
 * app's main thread never waits on a disk or a cipher.
 *
 * The protocol (job-protocol.ts): one 'start', then any number of 'cancel' / 'released'
 * replies; the worker answers with 'progress' messages, maybe a
 * 'release-live-database-request', and exactly one 'outcome', then closes its
 * port so the thread can end.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { NoteVaultError } from '../../../src-shared/errors';
import { failure, success } from '../../../src-shared/result';
import type { Result } from '../../../src-shared/result';
import type { JobControls } from '../progress';
import { executeJob } from './execute-job';
import type { BackupJobResult, FromWorkerMessage, ToWorkerMessage } from './job-protocol';
import type { JobWorkerData } from './low-priority-thread';
import { lowerThisThreadPriority } from './low-priority-thread';
import { ProgressThrottle } from './progress-throttle';
import { deserializeError, serializeError } from './serialize-error';

const port = parentPort;
if (port === null) {
  throw new Error('backup-job-worker must be started as a worker thread by runBackupJob, not run directly.');
}

// Before any work: a background job's thread runs below normal priority where that stays per thread.
if ((workerData as Partial<JobWorkerData> | null)?.lowPriority === true) lowerThisThreadPriority();

const post = (message: FromWorkerMessage): void => port.postMessage(message);
const cancellation = new AbortController();
let started = false;
let release: { resolve: () => void; reject: (error: Error) => void } | undefined;

port.on('message', (message: ToWorkerMessage) => {
  switch (message.type) {
    case 'start':
      if (started) return;
      started = true;
      void run(port, message);
      return;
    case 'cancel':
      cancellation.abort();
      return;
    case 'released':
      release?.resolve();
      release = undefined;
      return;
    case 'release-failed':
      release?.reject(deserializeError(message.error));
      release = undefined;
      return;
  }
});

async function run(openPort: MessagePort, start: Extract<ToWorkerMessage, { type: 'start' }>): Promise<void> {
  const throttle = new ProgressThrottle((progress) => post({ type: 'progress', progress }));
  const controls: JobControls = {
    signal: cancellation.signal,
    onProgress: (progress) => throttle.report(progress),
  };
  const releaseLiveDatabase = start.liveDatabaseHeld ? askToReleaseLiveDatabase : undefined;
  let outcome: Result<BackupJobResult>;
  try {
    outcome = success(await executeJob(start.job, controls, releaseLiveDatabase));
  } catch (error) {
    outcome = failure(serializeError(error));
  }
  throttle.flush();
  post({ type: 'outcome', outcome });
  // Nothing else keeps the thread alive once the port is closed, so it exits and frees
  // its memory; the main thread terminates it if something unexpected still lingers.
  openPort.close();
}

/** The restore calls this at the point where the app must close its live connection. */
function askToReleaseLiveDatabase(): Promise<void> {
  if (release !== undefined) {
    return Promise.reject(
      new NoteVaultError('INTERNAL', 'The live database was asked to be released twice.'),
    );
  }
  return new Promise<void>((resolve, reject) => {
    release = { resolve, reject };
    post({ type: 'release-live-database-request' });
  });
}
