import { NoteVaultError } from '../../src-shared/errors';
import type { JobProgress } from '../backup/progress';
import type { BackupJob, BackupJobResult } from '../backup/worker/job-protocol';
import { runBackupJob } from '../backup/worker/run-backup-job';
import type { RunBackupJobOptions } from '../backup/worker/run-backup-job';
import { Listeners } from '../schedule/listeners';

export type JobOptions = Omit<RunBackupJobOptions, 'workerPath' | 'lowPriority'>;

interface LowPriorityJob {
  controller: AbortController;
  /** Settles (never rejects) once the job's worker has ended. */
  ended: Promise<void>;
  /** Set when a person's job asked it to give way. */
  yielded: boolean;
}

/**
 * The app's door to the backup job worker: every job the main process starts goes through
 * one gate, so "is a backup, restore, check or browse running?" has one answer (the tray,
 * the scheduler and the status in the UI ask it) and listeners learn when it changes.
 * runBackupJob itself refuses a second concurrent job with BUSY.
 *
 * Background jobs (restore drills) run at low priority: they start only when nothing else runs,
 * do not count as busy, and give way to any other job. That job cancels the background one and
 * starts as soon as its worker has ended (the worker runs its own cleanup first); the
 * background job fails with BUSY, which its owner reads as "try again later", never as a
 * failure of what it was checking.
 */
export class JobGate {
  private running = 0;
  private low: LowPriorityJob | undefined;
  private readonly changes = new Listeners<boolean>();

  constructor(private readonly workerPath: string | URL) {}

  async run<J extends BackupJob>(job: J, options: JobOptions = {}): Promise<BackupJobResult<J>> {
    this.running += 1;
    if (this.running === 1) this.changes.fire(true);
    try {
      await this.makeWay();
      return await runBackupJob(job, { ...options, workerPath: this.workerPath });
    } finally {
      this.running -= 1;
      if (this.running === 0) this.changes.fire(false);
    }
  }

  /**
   * A background job: refused with BUSY while another job runs, cancelled (BUSY) when one
   * starts; `options.signal` cancels it as any job (CANCELLED).
   */
  async runLowPriority<J extends BackupJob>(job: J, options: JobOptions = {}): Promise<BackupJobResult<J>> {
    if (this.running > 0 || this.low !== undefined) {
      throw new NoteVaultError(
        'BUSY',
        'Another backup, restore or check is running; the background check waits for it.',
      );
    }
    const controller = new AbortController();
    const outer = options.signal;
    const forward = () => controller.abort();
    if (outer?.aborted === true) controller.abort();
    outer?.addEventListener('abort', forward, { once: true });
    const result = runBackupJob(job, {
      ...options,
      signal: controller.signal,
      workerPath: this.workerPath,
      lowPriority: true,
    });
    const entry: LowPriorityJob = { controller, ended: result.then(noop, noop), yielded: false };
    this.low = entry;
    try {
      return await result;
    } catch (error) {
      if (entry.yielded && !(outer?.aborted ?? false)) {
        throw new NoteVaultError(
          'BUSY',
          'The background check gave way to a job you started; it runs again later.',
          {
            cause: error,
          },
        );
      }
      throw error;
    } finally {
      outer?.removeEventListener('abort', forward);
      if (this.low === entry) this.low = undefined;
    }
  }

  /** For BackupRunner: a backup job with progress, cancelled by `signal`. */
  backup(
    request: Extract<BackupJob, { kind: 'backup' }>['request'],
    onProgress?: (progress: JobProgress) => void,
    signal?: AbortSignal,
  ): Promise<BackupJobResult<Extract<BackupJob, { kind: 'backup' }>>> {
    return this.run({ kind: 'backup', request }, { onProgress, signal });
  }

  /** True while a job other than a background one runs (or waits for one to give way). */
  isBusy(): boolean {
    return this.running > 0;
  }

  /** True while a background (low-priority) job runs. */
  isBackgroundRunning(): boolean {
    return this.low !== undefined;
  }

  onDidChangeBusy(listener: (busy: boolean) => void): () => void {
    return this.changes.on(listener);
  }

  // A background job in the way is cancelled, and this waits until its worker has ended, so
  // runBackupJob's one-job-at-a-time rule lets the person's job start.
  private async makeWay(): Promise<void> {
    const low = this.low;
    if (low === undefined) return;
    low.yielded = true;
    low.controller.abort();
    await low.ended;
  }
}

function noop(): void {}
