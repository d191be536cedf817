/**
 * The one runner of backups: the window's Backup button, the tray's "Back up now" and the
 * scheduler all make their backups here, the same way, and every finished run is recorded: the
 * glue between the settings, the sealed key, the job worker, the run history and retention.
 *
 * - Every backup is format v2 (docs/backup-format.md Part 2), made for the ways in backup-keys.json
 *   (beside the notes database) keeps: the passkey's public key and settings, the recovery code's
 *   public key. A manual one stretches the passkey the person just typed with the kept salt (the
 *   first one keeps its own afterwards), or, typed none, uses the kept public key alone. A
 *   scheduled run needs no secret to write: the kept public keys plus this device's (keystore/),
 *   whose slot only scheduled backups get.
 * - Every finished run (success or failure) goes into the history (backup-state.json), a failure
 *   as the window would say it (explain-backup-error.ts): the tray, the health banner and the
 *   schedule summary show a scheduled run's failure long after it happened, from this record. A BUSY
 *   refusal is not a run and is not recorded; neither is a cancelled one (the app is quitting
 *   or the person pressed Cancel).
 * - After a success the backup goes into the catalogue and is copied into every other destination
 *   (src-main/destinations/): an unreachable or locked destination is a warning and a per-destination
 *   state, never a failed backup. Each run first catches up destinations that lack the newest backup.
 *   Then retention runs in each destination with its own policy. Its problems are logged, never
 *   turned into a failed backup: the backup itself is complete and verified.
 * - A cloud-synced backup folder is written through a private local staging folder and copied in as
 *   one finished file; a copy-in that fails is the run's failure (the backup folder lacks it), and
 *   the staged file waits for the catch-up.
 * - `isBusy()` is true while a job started here runs, or while `externalBusy()` says another one
 *   (a restore) does: the scheduler asks before it starts.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { failure, success } from '../../src-shared/result';
import type { Result } from '../../src-shared/result';
import type { BackupRunKind, BackupRunRecord, FailureRemedy, Settings } from '../../src-shared/settings';
import { basename, dirname, join } from 'node:path';
import type { CreateBackupRequest, CreateBackupResult } from '../backup/create-backup';
import { readBackupKeys } from '../backup/keys/backup-keys-file';
import { checkOrRememberPasskey } from '../backup/keys/passkey-keys';
import type { OtherWaysIn, PasskeyForWriting } from '../backup/write-keys';
import { loadUnattendedKeys } from '../keystore/unattended-key';
import type { JobProgress } from '../backup/progress';
import type { SealedKeyStore } from '../keystore/sealed-key-store';
import type { BackupStateStore } from '../settings/backup-state-store';
import type { BackupDestinations, DestinationOutcome } from '../destinations/backup-destinations';
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

/** The slots a run's backup gets (write-keys.ts). */
interface WaysIn {
  keySource: PasskeyForWriting;
  alsoOpenWith: OtherWaysIn;
}
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
  /** The catalogue, the copies into the other destinations, catch-up and each destination's retention. */
  destinations: BackupDestinations;
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
    let ways: WaysIn;
    // A saved key that is missing, damaged or locked is fixed in Settings (off and on again).
    try {
      const unattended = await loadUnattendedKeys(this.deps.keyStore, this.keysFolder());
      if (unattended === null) {
        throw new NoteVaultError(
          'VALIDATION',
          'Scheduled backups have no saved key. Turn scheduled backups off and on again in Settings and enter your passkey.',
        );
      }
      // Writing needs the public half only.
      unattended.deviceSecretKey.fill(0);
      ways = {
        keySource: { publicKey: unattended.passkey.publicKey, kdf: unattended.passkey.kdf },
        alsoOpenWith: { recoveryCode: unattended.recoveryCode, device: unattended.devicePublicKey },
      };
    } catch (error) {
      return this.recordFailure('scheduled', this.now(), error, 'settings');
    }
    try {
      const outcome = await this.run('scheduled', ways);
      if (!outcome.ok) return outcome;
      return success({ file: outcome.value.file, noteCount: outcome.value.metadata.noteCount });
    } catch (error) {
      return failure(explainBackupError('backup', error).toJSON());
    }
  }

  /**
   * A backup the person asked for (the window's Backup button, the tray). With a passkey it
   * stretches that one with the kept salt and costs (a passkey other than the kept one is
   * refused); without, it uses the kept public keys (no secret needed). Recorded like a
   * scheduled run, so the scheduler counts it as the last success. Resolves with the success;
   * rejects with the NoteVaultError.
   */
  async runManual(
    keySource?: { passkey: string },
    controls: ManualRunControls = {},
  ): Promise<ManualBackupResult> {
    const kept = await readBackupKeys(this.keysFolder());
    let passkey: PasskeyForWriting;
    if (keySource !== undefined) {
      passkey = { passkey: keySource.passkey, kdf: kept.passkey?.kdf, publicKey: kept.passkey?.publicKey };
    } else if (kept.passkey !== null) {
      passkey = { publicKey: kept.passkey.publicKey, kdf: kept.passkey.kdf };
    } else {
      throw new NoteVaultError('VALIDATION', 'Enter your passkey to make a backup.');
    }
    // Never the device key: only scheduled backups open with it.
    const ways: WaysIn = { keySource: passkey, alsoOpenWith: { recoveryCode: kept.recoveryCode?.publicKey } };
    const outcome = await this.run('manual', ways, controls);
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

  /** backup-keys.json lives beside the notes database. */
  private keysFolder(): string {
    return dirname(this.deps.databasePath);
  }

  /**
   * Every run first catches up the destinations that lack the newest backup. Not awaited before
   * the backup (all destination work is serialised, so the run's own copies queue behind it), but
   * before the run resolves, whatever its outcome: a headless run exits right after.
   */
  private async run(
    kind: BackupRunKind,
    ways: WaysIn,
    controls: ManualRunControls = {},
  ): Promise<RunOutcome> {
    const caughtUp = this.deps.destinations
      .catchUp()
      .catch((error: unknown) => this.log(`Could not catch up destinations: ${messageOf(error)}`));
    try {
      return await this.write(kind, ways, controls);
    } finally {
      await caughtUp;
    }
  }

  private async write(
    kind: BackupRunKind,
    ways: WaysIn,
    controls: ManualRunControls = {},
  ): Promise<RunOutcome> {
    const settings = this.deps.settings.get();
    const startedAt = this.now();
    const folder = settings.backupFolder;
    if (folder === null) {
      const error = new NoteVaultError('VALIDATION', 'Choose a backup folder in Settings first.');
      return this.recordFailure(kind, startedAt, error, 'settings');
    }
    const { destinations } = this.deps;
    let made: CreateBackupResult;
    let staged: boolean;
    this.running += 1;
    try {
      const target = await destinations.writeTarget(folder);
      staged = target.staged;
      made = await this.deps.runBackupJob(
        {
          databasePath: this.deps.databasePath,
          destination: target.folder,
          keySource: ways.keySource,
          alsoOpenWith: ways.alsoOpenWith,
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
    await this.keepPasskey(made);
    const notCopiedIn = await this.distribute(made, kind, staged, folder);
    if (notCopiedIn !== null) return this.recordFailure(kind, startedAt, notCopiedIn);
    const file = staged ? join(folder, basename(made.file)) : made.file;
    const run: BackupRunRecord = {
      kind,
      startedAt,
      finishedAt: this.now(),
      ok: true,
      file,
      noteCount: made.metadata.noteCount,
      message: null,
    };
    await this.deps.state.record(run);
    await destinations.applyRetention();
    this.finished.fire(run);
    return success({ ...made, file });
  }

  /**
   * The catalogue and the copies into the other destinations. Resolves with the run's error when
   * a staged backup (cloud-synced backup folder) did not reach the backup folder, else null.
   */
  private async distribute(
    made: CreateBackupResult,
    kind: BackupRunKind,
    staged: boolean,
    folder: string,
  ): Promise<NoteVaultError | null> {
    let outcomes: DestinationOutcome[] = [];
    try {
      outcomes = await this.deps.destinations.distribute({
        file: made.file,
        staged,
        size: made.size,
        fileSha256: made.fileSha256,
        kind,
        createdAt: made.metadata.createdAt,
        noteCount: made.metadata.noteCount,
        // Only scheduled backups carry the device key's slot (write-keys.ts).
        openWithDevice: kind === 'scheduled',
      });
    } catch (error) {
      // Copy problems are outcomes, not errors: this is the catalogue itself failing. A backup
      // written in place is still complete and verified; a staged one is not in the folder.
      this.log(`Could not record or copy the backup "${basename(made.file)}": ${messageOf(error)}`);
    }
    const inBackupFolder = outcomes[0]?.copy;
    if (!staged || inBackupFolder?.state === 'verified') return null;
    return new NoteVaultError(
      'IO',
      inBackupFolder?.message ?? `The backup could not be copied into "${folder}".`,
      { details: inBackupFolder?.details },
    );
  }

  /**
   * The first backup with a passkey keeps its salt, costs and public key, so every later backup
   * (scheduled and before-restore ones included) opens with the same passkey and one Argon2id
   * run. The backup itself is complete and checked whatever happens here, so a problem is logged.
   */
  private async keepPasskey(made: CreateBackupResult): Promise<void> {
    try {
      await checkOrRememberPasskey(this.keysFolder(), made.kdf, made.passkeyPublicKey);
    } catch (error) {
      this.log(`Could not keep the passkey's public key for later backups: ${messageOf(error)}`);
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
