/**
 * The one runner of backups: the window's Backup button, the tray's "Back up now" and the
 * scheduler all make their backups here, the same way, and every finished run is recorded: the
 * glue between the settings, the sealed key, the job worker, the run history and retention.
 *
 * - A scheduled run uses the sealed key (keystore/); a manual one the passkey the person just
 *   typed, or the sealed key when none is given.
 * - Every finished run (success or failure) goes into the history (backup-state.json), a failure
 *   as the window would say it (explain-backup-error.ts): the tray, the health banner and the
 *   schedule summary show a scheduled run's failure long after it happened, from this record. A BUSY
 *   refusal is not a run and is not recorded; neither is a cancelled one (the app is quitting
 *   or the person pressed Cancel).
 * - After a success, retention runs over the backup folder. Its problems are logged, never turned
 *   into a failed backup: the backup itself is complete and verified.
 * - `isBusy()` is true while a job started here runs, or while `externalBusy()` says another one
 *   (a restore) does: the scheduler asks before it starts.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { failure, success } from '../../src-shared/result';
import type { Result } from '../../src-shared/result';
import type { BackupRunKind, BackupRunRecord, FailureRemedy, Settings } from '../../src-shared/settings';
import type { CreateBackupRequest, CreateBackupResult } from '../backup/create-backup';
import type { KeySource } from '../backup/passkey-or-key';
import type { JobProgress } from '../backup/progress';
import type { FileLayerOptions } from '../fsx/retry';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import { loadUnattendedKeySource } from '../keystore/unattended-key';
import type { BackupStateStore } from '../settings/backup-state-store';
import { applyRetention } from '../schedule/apply-retention';
import { explainBackupError } from './explain-backup-error';
import { Listeners } from '../schedule/listeners';
import type { ScheduledRunResult } from '../schedule/scheduler-types';

export type BackupJobFn = (
  request: Omit<CreateBackupRequest, 'now'>,
  onProgress?: (progress: JobProgress) => void,
  signal?: AbortSignal,
) => Promise<CreateBackupResult>;

/** What the window's Backup button shows a person when a manual backup has been made. */
export interface ManualBackupResult {
  file: string;
  noteCount: number;
  /** Bytes of the encrypted file. */
  size: number;
  /** ISO 8601 UTC, as stored in the backup. */
  createdAt: string;
}

export interface ManualRunControls {
  onProgress?: (progress: JobProgress) => void;
  /** Aborting stops the job with CANCELLED; a cancelled run is not recorded. */
  signal?: AbortSignal;
}

type RunFailure = Result<never>;
type RunOutcome = Result<CreateBackupResult>;

export interface BackupRunnerDeps {
  /** In the app: `(request, onProgress) => runBackupJob({ kind: 'backup', request }, { workerPath, onProgress })`. */
  runBackupJob: BackupJobFn;
  settings: { get(): Readonly<Settings> };
  state: BackupStateStore;
  keyStore: SealedKeyStore;
  databasePath: string;
  appVersion: string;
  tempParent?: string;
  nativeBinding?: string;
  /** True while a job not started here (a restore, a verify) runs. */
  externalBusy?: () => boolean;
  now?: () => number;
  log?: (message: string) => void;
  /** For retention's deletes (fault injection in tests). */
  fileLayer?: FileLayerOptions;
}

export class BackupRunner {
  private running = 0;
  private readonly finished = new Listeners<BackupRunRecord>();

  constructor(private readonly deps: BackupRunnerDeps) {}

  isBusy(): boolean {
    return this.running > 0 || (this.deps.externalBusy?.() ?? false);
  }

  /** Every recorded run, manual or scheduled: for the scheduler (reschedule), the tray and the UI. */
  onDidFinish(listener: (run: BackupRunRecord) => void): () => void {
    return this.finished.on(listener);
  }

  /** For BackupScheduler's `runBackup`: never throws. */
  async runScheduled(): Promise<ScheduledRunResult> {
    let keySource: KeySource | null;
    // A saved key that is missing, damaged or locked is fixed in Settings (off and on again).
    try {
      keySource = await loadUnattendedKeySource(this.deps.keyStore);
    } catch (error) {
      return this.recordFailure('scheduled', this.now(), error, 'settings');
    }
    if (keySource === null) {
      return this.recordFailure(
        'scheduled',
        this.now(),
        new NoteVaultError(
          'VALIDATION',
          'Scheduled backups have no saved key. Turn scheduled backups off and on again in Settings and enter your passkey.',
        ),
        'settings',
      );
    }
    try {
      const outcome = await this.run('scheduled', keySource);
      if (!outcome.ok) return outcome;
      return success({ file: outcome.value.file, noteCount: outcome.value.metadata.noteCount });
    } catch (error) {
      return failure(explainBackupError('backup', error).toJSON());
    }
  }

  /**
   * A backup the person asked for (the window's Backup button, the tray). With a passkey it
   * uses that; without, the sealed key (when scheduled backups are on). Recorded like a
   * scheduled run, so the scheduler counts it as the last success. Resolves with the success;
   * rejects with the NoteVaultError.
   */
  async runManual(
    keySource?: { passkey: string },
    controls: ManualRunControls = {},
  ): Promise<ManualBackupResult> {
    const source: KeySource | null = keySource ?? (await loadUnattendedKeySource(this.deps.keyStore));
    if (source === null) {
      throw new NoteVaultError('VALIDATION', 'Enter your passkey to make a backup.');
    }
    const outcome = await this.run('manual', source, controls);
    if (!outcome.ok) {
      const { code, message, details } = outcome.error;
      throw new NoteVaultError(code, message, { details });
    }
    const made = outcome.value;
    return {
      file: made.file,
      noteCount: made.metadata.noteCount,
      size: made.size,
      createdAt: made.metadata.createdAt,
    };
  }

  private async run(
    kind: BackupRunKind,
    keySource: KeySource,
    controls: ManualRunControls = {},
  ): Promise<RunOutcome> {
    const settings = this.deps.settings.get();
    const startedAt = this.now();
    const folder = settings.backupFolder;
    if (folder === null) {
      const error = new NoteVaultError('VALIDATION', 'Choose a backup folder in Settings first.');
      return this.recordFailure(kind, startedAt, error, 'settings');
    }
    let made: CreateBackupResult;
    this.running += 1;
    try {
      made = await this.deps.runBackupJob(
        {
          databasePath: this.deps.databasePath,
          destination: folder,
          keySource,
          kind,
          appVersion: this.deps.appVersion,
          tempParent: this.deps.tempParent,
          nativeBinding: this.deps.nativeBinding,
        },
        controls.onProgress,
        controls.signal,
      );
    } catch (error) {
      if (error instanceof NoteVaultError && (error.code === 'BUSY' || error.code === 'CANCELLED')) {
        return failure(error.toJSON());
      }
      return this.recordFailure(kind, startedAt, error);
    } finally {
      this.running -= 1;
    }
    const run: BackupRunRecord = {
      kind,
      startedAt,
      finishedAt: this.now(),
      ok: true,
      file: made.file,
      noteCount: made.metadata.noteCount,
      message: null,
    };
    await this.deps.state.record(run);
    await this.applyRetention(folder, settings);
    this.finished.fire(run);
    return success(made);
  }

  private async applyRetention(folder: string, settings: Readonly<Settings>): Promise<void> {
    try {
      const outcome = await applyRetention(folder, settings.retention, {
        ...this.deps.fileLayer,
        now: new Date(this.now()),
        verifiedFiles: this.deps.state.verifiedFiles(),
      });
      for (const failure of outcome.failed) this.log(`Could not delete an old backup: ${failure.message}`);
    } catch (error) {
      this.log(`Could not clean up old backups in "${folder}": ${messageOf(error)}`);
    }
  }

  private async recordFailure(
    kind: BackupRunKind,
    startedAt: number,
    error: unknown,
    remedy?: FailureRemedy,
  ): Promise<RunFailure> {
    const explained = explainBackupError('backup', error);
    const run: BackupRunRecord = {
      kind,
      startedAt,
      finishedAt: this.now(),
      ok: false,
      file: null,
      noteCount: null,
      message: explained.message,
      ...(explained.details === undefined ? {} : { details: explained.details }),
      ...(remedy === undefined ? {} : { remedy }),
    };
    await this.deps.state.record(run);
    this.finished.fire(run);
    return failure(explained.toJSON());
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private log(message: string): void {
    (this.deps.log ?? ((m: string) => console.warn(m)))(message);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
