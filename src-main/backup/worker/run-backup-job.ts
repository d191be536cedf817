import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import { NoteVaultError } from '../../../src-shared/errors';
import { cancelledError } from '../format/abort';
import type { Result } from '../../../src-shared/result';
import type { JobProgress } from '../progress';
import type { BackupJob, BackupJobResult, FromWorkerMessage, ToWorkerMessage } from './job-protocol';
import type { JobWorkerData } from './low-priority-thread';
import { describeJob, sweepAfterJob } from './sweep-after-job';
import { deserializeError, serializeError } from './serialize-error';

export interface RunBackupJobOptions {
  /** The built backup-job-worker.js; the bundler decides where it lands, so the caller says. */
  workerPath: string | URL;
  /** Throttled in the worker to about ten reports a second, plus every phase change. */
  onProgress?: (progress: JobProgress) => void;
  /** Aborting asks the worker to stop; the job then fails with CANCELLED. */
  signal?: AbortSignal;
  /**
   * The app's hook to close its own connection to the live database (checkpointing the
   * WAL) when a restore is about to replace it. The CLI holds no connection and omits it.
   */
  releaseLiveDatabase?: () => Promise<void>;
  /** How long a cancelled worker gets to run its cleanup before it is stopped. Default 10 s. */
  cancelGraceMs?: number;
  /** How long a worker that has answered gets to exit on its own. Default 5 s. */
  exitGraceMs?: number;
  resourceLimits?: ResourceLimits;
  /**
   * A background job (a restore drill): the worker lowers its own thread's CPU priority where the
   * OS applies that to the thread alone (low-priority-thread.ts).
   */
  lowPriority?: boolean;
}

export const DEFAULT_CANCEL_GRACE_MS = 10_000;
export const DEFAULT_EXIT_GRACE_MS = 5_000;
// Plaintext and ciphertext live in Buffers and Argon2id in WebAssembly memory, neither of
// which counts against the V8 heap, so the heap itself needs little; the limit turns a
// runaway leak into a clear failure instead of a machine that swaps. A small young
// generation makes V8 collect the job's short-lived objects (and the external buffers they
// hold) early: measured with `npm run bench` at 100 MiB, 5-10 MiB less peak memory per job
// and no slower.
const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 4 };

let jobRunning = false;

/**
 * Runs one job in a fresh worker thread and resolves with its result. At most one job
 * runs at a time per process: a second call meanwhile fails with BUSY, because two jobs
 * would compete for the same database, disk and memory. On cancellation the worker is
 * asked to stop, so its own cleanup wipes any plaintext; if it has not stopped within
 * `cancelGraceMs` it is terminated. Whenever a worker ends without cleaning up after
 * itself (terminated, crashed), the start-up sweep runs over the job's folders.
 */
export async function runBackupJob<J extends BackupJob>(
  job: J,
  options: RunBackupJobOptions,
): Promise<BackupJobResult<J>> {
  // Checked and set before the first await, so two calls in the same tick cannot both pass.
  if (jobRunning) {
    throw new NoteVaultError(
      'BUSY',
      `Cannot start the ${describeJob(job)}: another backup, restore or check is still running. ` +
        'Wait for it to finish, then try again.',
    );
  }
  if (options.signal?.aborted) {
    throw new NoteVaultError('CANCELLED', `The ${describeJob(job)} was cancelled before it started.`);
  }
  jobRunning = true;
  try {
    return (await runInFreshWorker(job, options)) as BackupJobResult<J>;
  } finally {
    jobRunning = false;
  }
}

function startWorker(job: BackupJob, options: RunBackupJobOptions): Worker {
  try {
    const workerData: JobWorkerData = { lowPriority: options.lowPriority === true };
    return new Worker(options.workerPath, {
      resourceLimits: options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      workerData,
    });
  } catch (error) {
    // A relative path or a non-file URL: the caller passed something no worker can load.
    const detail = error instanceof Error ? error.message : String(error);
    throw new NoteVaultError(
      'INTERNAL',
      `The ${describeJob(job)} could not start its worker thread from ${String(options.workerPath)}: ${detail}`,
      { cause: error },
    );
  }
}

function runInFreshWorker(job: BackupJob, options: RunBackupJobOptions): Promise<BackupJobResult> {
  const worker = startWorker(job, options);
  const send = (message: ToWorkerMessage): void => worker.postMessage(message);
  let outcome: Result<BackupJobResult> | undefined;
  let crash: Error | undefined;
  let stopReason: NoteVaultError | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const terminateAfter = (ms: number): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void worker.terminate(), ms);
  };

  const stop = (reason: NoteVaultError): void => {
    if (outcome !== undefined || stopReason !== undefined) return;
    stopReason = reason;
    send({ type: 'cancel' });
    terminateAfter(options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS);
  };
  const onAbort = (): void => stop(cancelledError(`The ${describeJob(job)}`));
  options.signal?.addEventListener('abort', onAbort, { once: true });

  worker.on('message', (message: FromWorkerMessage) => {
    switch (message.type) {
      case 'progress':
        try {
          options.onProgress?.(message.progress);
        } catch (error) {
          // A broken progress display must not leave the job running unobserved.
          stop(asCallbackError(error, 'progress handler'));
        }
        return;
      case 'release-live-database-request':
        void releaseFor(options.releaseLiveDatabase).then(send);
        return;
      case 'outcome':
        outcome ??= message.outcome;
        terminateAfter(options.exitGraceMs ?? DEFAULT_EXIT_GRACE_MS);
        return;
    }
  });
  worker.on('error', (error: Error) => {
    crash ??= error;
  });

  try {
    send({ type: 'start', job, liveDatabaseHeld: options.releaseLiveDatabase !== undefined });
  } catch (error) {
    // Structured clone refused part of the request (a function, say): a caller's bug.
    void worker.terminate();
    options.signal?.removeEventListener('abort', onAbort);
    const detail = error instanceof Error ? error.message : String(error);
    return Promise.reject(
      new NoteVaultError(
        'INTERNAL',
        `The ${describeJob(job)} could not be handed to its worker thread: ${detail}. This is a bug in NoteVault.`,
        { cause: error },
      ),
    );
  }

  return new Promise<BackupJobResult>((resolve, reject) => {
    worker.once('exit', (exitCode: number) => {
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (outcome !== undefined && stopReason === undefined) {
        if (outcome.ok) resolve(outcome.value);
        else reject(deserializeError(outcome.error));
        return;
      }
      if (outcome !== undefined && stopReason !== undefined) {
        settleStopped(outcome, stopReason, resolve, reject);
        return;
      }
      // No answer: the thread crashed or was terminated, so its finally blocks may not
      // have run. Clean up what it may have left before reporting.
      void sweepAfterJob(job).then((sweepProblem) =>
        reject(unansweredJobError(job, exitCode, stopReason, crash, sweepProblem)),
      );
    });
  });
}

/**
 * The worker answered after being asked to stop. For a person's cancel, its answer is the
 * truth: finished before noticing (the work is done, so report success) or stopped with
 * its own, more precise error. A stop for a broken progress handler reports that bug.
 */
function settleStopped(
  outcome: Result<BackupJobResult>,
  stopReason: NoteVaultError,
  resolve: (result: BackupJobResult) => void,
  reject: (error: NoteVaultError) => void,
): void {
  if (stopReason.code !== 'CANCELLED') reject(stopReason);
  else if (outcome.ok) resolve(outcome.value);
  else reject(deserializeError(outcome.error));
}

async function releaseFor(release: (() => Promise<void>) | undefined): Promise<ToWorkerMessage> {
  try {
    await release?.();
    return { type: 'released' };
  } catch (error) {
    return { type: 'release-failed', error: serializeError(error) };
  }
}

function asCallbackError(error: unknown, what: string): NoteVaultError {
  if (error instanceof NoteVaultError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new NoteVaultError('INTERNAL', `The ${what} failed: ${detail}. The job was stopped.`, {
    cause: error,
  });
}

function unansweredJobError(
  job: BackupJob,
  exitCode: number,
  stopReason: NoteVaultError | undefined,
  crash: Error | undefined,
  sweepProblem: string | undefined,
): NoteVaultError {
  const cleanup =
    sweepProblem === undefined
      ? 'Temporary files it left were cleaned up.'
      : `Cleaning up its temporary files failed: ${sweepProblem}. NoteVault tries again at its next start.`;
  if (stopReason !== undefined) {
    return new NoteVaultError(
      stopReason.code,
      `${stopReason.message} The worker did not stop in time and was ended. ${cleanup}`,
    );
  }
  const detail = crash === undefined ? '' : `: ${crash.message}`;
  return new NoteVaultError(
    'INTERNAL',
    `The ${describeJob(job)} stopped unexpectedly: its worker thread ended (exit code ${exitCode}) ` +
      `without reporting a result${detail}. ${cleanup} This is a bug in NoteVault; please report it.`,
    { cause: crash },
  );
}
