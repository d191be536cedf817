import type { JobProgress } from '../backup/progress';
import type { BackupJob, BackupJobResult } from '../backup/worker/job-protocol';
import { runBackupJob } from '../backup/worker/run-backup-job';
import type { RunBackupJobOptions } from '../backup/worker/run-backup-job';
import { Listeners } from '../schedule/listeners';

export type JobOptions = Omit<RunBackupJobOptions, 'workerPath'>;

/**
 * The app's door to the backup job worker: every job the main process starts goes through
 * one gate, so "is a backup, restore, check or browse running?" has one answer (the tray,
 * the scheduler and the status in the UI ask it) and listeners learn when it changes.
 * runBackupJob itself refuses a second concurrent job with BUSY.
 */
export class JobGate {
  private running = 0;
  private readonly changes = new Listeners<boolean>();

  constructor(private readonly workerPath: string | URL) {}

  async run<J extends BackupJob>(job: J, options: JobOptions = {}): Promise<BackupJobResult<J>> {
    this.running += 1;
    if (this.running === 1) this.changes.fire(true);
    try {
      return await runBackupJob(job, { ...options, workerPath: this.workerPath });
    } finally {
      this.running -= 1;
      if (this.running === 0) this.changes.fire(false);
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

  isBusy(): boolean {
    return this.running > 0;
  }

  onDidChangeBusy(listener: (busy: boolean) => void): () => void {
    return this.changes.on(listener);
  }
}
