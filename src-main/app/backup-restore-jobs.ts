import { basename, dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import type {
  BackupCreated,
  BackupFolderState,
  BackupPlan,
  ChosenRestoreFile,
  RestoreDone,
  RestorePreviewView,
} from '../../src-shared/ipc/contract-backup';
import { readBackupKeys } from '../backup/keys/backup-keys-file';
import type { BackupKeys } from '../backup/keys/backup-keys-file';
import { forgetKeySource } from '../backup/passkey-or-key';
import type { KeySource } from '../backup/passkey-or-key';
import { requiredKeySource } from './way-in-source';
import { safetyPasskeySource } from './safety-passkey-source';
import type { WayInText } from './way-in-source';
import type { JobProgress } from '../backup/progress';
import type { BackupJob, BackupJobResult, RestoreJobRequest } from '../backup/worker/job-protocol';
import type { IpcEventSink } from '../ipc/event-sink';
import type { BackupRunner } from './backup-runner';
import { requireBackupFolder, resolveBackupFile } from './backup-folder';
import { assertSomethingToBackUp, planBackup } from './backup-plan';
import { ChosenRestoreFileSlot } from './chosen-restore-file';
import { RestoreConsents, sha256OfFile } from './restore-consent';
import type { Dialogs } from './dialogs';
import { explainBackupError } from './explain-backup-error';
import type { BackupOperation } from './explain-backup-error';
import type { JobGate } from './job-gate';
import type { NotesDatabaseHolder } from './notes-database-holder';

export interface BackupRestoreJobsOptions {
  holder: NotesDatabaseHolder;
  dialogs: Pick<Dialogs, 'chooseBackupFile' | 'confirm'>;
  events: IpcEventSink;
  /** The chosen backup folder (the settings file's); SettingsService changes it. */
  backupFolder: () => string | null;
  /** The app's one door to the job worker (one job at a time, app-wide busy state). */
  jobs: JobGate;
  /** The one backup runner: makes manual backups and records them in the backup history. */
  manualBackups: Pick<BackupRunner, 'runManual'>;
  appVersion: string;
  /** better-sqlite3 for Electron, handed to the worker; undefined under Node. */
  nativeBinding?: string | undefined;
  /** Parent of private temp folders; default os.tmpdir(). */
  tempParent?: string | undefined;
  /** Tests lower it to take the temp-file route with small databases. */
  inMemoryLimit?: number | undefined;
  /** Milliseconds since the epoch; tests move it to expire a restore token. Default Date.now. */
  now?: (() => number) | undefined;
}

/**
 * The backup and restore jobs the window starts (Backup, restore preview, Restore). Every job runs in the job worker (so key
 * derivation and the cipher never block the main thread); this class only resolves paths
 * the main process chose itself, keeps one job at a time, forwards progress and turns
 * errors into sentences. A restore releases the live database only after the backup passed
 * every check, and reopens it whatever happens.
 */
export class BackupRestoreJobs {
  private running: { operation: BackupOperation; abort: AbortController } | undefined;
  private readonly chosenFile = new ChosenRestoreFileSlot();
  private readonly consents: RestoreConsents;

  constructor(private readonly options: BackupRestoreJobsOptions) {
    this.consents = new RestoreConsents(options.now);
  }

  isBusy(): boolean {
    return this.running !== undefined || this.options.jobs.isBusy();
  }

  folderState(): BackupFolderState {
    return { folder: this.options.backupFolder(), busy: this.isBusy() };
  }

  /** What Back up would do now: the notes, the folder and name, the size and the time. */
  plan(): BackupPlan {
    return planBackup({
      notes: this.options.holder.repository(),
      databasePath: this.options.holder.databasePath,
      folder: this.options.backupFolder(),
      now: (this.options.now ?? Date.now)(),
    });
  }

  /**
   * Goes through the one backup runner, so a manual backup is recorded like a scheduled
   * one: the scheduler counts it as the last success, the backups view shows it verified (the
   * pipeline read it back and checked it before publishing it), and retention runs after it.
   */
  async createBackup({ passkey }: { passkey: string }): Promise<BackupCreated> {
    if (this.options.backupFolder() === null) {
      throw new NoteVaultError(
        'VALIDATION',
        'Choose a folder for your backups first (the "Change…" button).',
      );
    }
    // Whatever the dialog showed: a backup of no notes is refused here, before any key work.
    assertSomethingToBackUp(this.options.holder.repository());
    const made = await this.track('backup', (controls) =>
      this.options.manualBackups.runManual({ passkey }, controls),
    );
    return {
      fileName: basename(made.file),
      folder: dirname(made.file),
      size: made.size,
      noteCount: made.noteCount,
      createdAt: made.createdAt,
    };
  }

  /** Asks the running job to stop at its next safe point; false when none runs. */
  cancel(): boolean {
    if (this.running === undefined) return false;
    this.running.abort.abort();
    return true;
  }

  async chooseRestoreFile(): Promise<ChosenRestoreFile | null> {
    const path = await this.options.dialogs.chooseBackupFile({
      title: 'Choose a NoteVault backup to restore',
      defaultPath: this.options.backupFolder() ?? undefined,
    });
    if (path === null) return null;
    return this.chosenFile.choose(path);
  }

  /**
   * The backups view's Restore button: backup `name` in the backup folder, resolved and checked
   * here (a plain .nvbak name, a regular file directly inside the folder), then handed out as a
   * token like a file from the native dialog.
   */
  async chooseFromBackupFolder({ name }: { name: string }): Promise<ChosenRestoreFile> {
    const folder = requireBackupFolder(this.options.backupFolder());
    return this.chosenFile.choose(await resolveBackupFile(folder, name));
  }

  /**
   * Reads the backup with the passkey or the recovery code and compares it with the live notes;
   * the answer carries the one token that lets `restore` replace the notes with this file's
   * previewed bytes.
   */
  async previewRestore({ token, ...wayIn }: { token: string } & WayInText): Promise<RestorePreviewView> {
    const file = this.chosenFile.pathFor(token);
    const keySource = explainedKeySource(wayIn, 'preview');
    let preview;
    let sha256: string;
    try {
      // Hashed before the preview reads it: a file changed during the preview fails the recheck.
      sha256 = await sha256OfFile(file).catch((error: unknown) => {
        throw explainBackupError('preview', error);
      });
      preview = await this.run('preview', {
        kind: 'preview-restore',
        request: {
          file,
          databasePath: this.options.holder.databasePath,
          keySource,
          ...this.engineOptions(),
        },
      });
    } finally {
      forgetKeySource(keySource);
    }
    const { metadata } = preview;
    return {
      fileName: basename(file),
      createdAt: metadata.createdAt,
      noteCount: metadata.noteCount,
      alsoInside: preview.alsoInside,
      appVersion: metadata.appVersion,
      schemaVersion: metadata.schemaVersion,
      kind: metadata.kind,
      comeBack: preview.comeBack,
      disappear: preview.disappear,
      change: preview.change,
      unchanged: preview.unchanged,
      cheaperKeyThanDefault: preview.cheaperKeyThanDefault,
      safetyKeyIsKept: await this.safetyKeyIsKept(),
      restoreToken: this.consents.issue(file, sha256),
    };
  }

  /**
   * Replaces the notes with the file a preview consented to (`restoreToken`, spent here). The
   * copy of the current notes made first is under the person's own key (see `safetyKeySource`).
   */
  async restore({
    restoreToken,
    passkey,
    recoveryCode,
    safetyPasskey,
    safetySamePasskey,
  }: {
    restoreToken: string;
    safetyPasskey?: string | undefined;
    safetySamePasskey?: boolean | undefined;
  } & WayInText): Promise<RestoreDone> {
    // Refused before the token is spent, so a click during another job keeps the preview usable.
    if (this.running !== undefined) {
      throw explainBackupError(
        'restore',
        new NoteVaultError('BUSY', `A ${this.running.operation} is running.`),
      );
    }
    const chosen = this.consents.fileFor(restoreToken);
    const kept = await this.keptKeys('restore');
    const safetyKeySource = safetyPasskeySource(kept, passkey, safetyPasskey, safetySamePasskey);
    // Parsed before the confirmation: a mistyped recovery code is refused without spending the token.
    const keySource = explainedKeySource({ passkey, recoveryCode }, 'restore');
    try {
      return await this.confirmAndRestore(restoreToken, chosen, keySource, {
        safetyKeySource,
        safetyAlsoOpenWith: { recoveryCode: kept.recoveryCode?.publicKey },
      });
    } finally {
      // The worker had its own copy of the recovery code's bytes.
      forgetKeySource(keySource);
    }
  }

  private async confirmAndRestore(
    restoreToken: string,
    chosen: string,
    keySource: KeySource,
    safety: Pick<RestoreJobRequest, 'safetyKeySource' | 'safetyAlsoOpenWith'>,
  ): Promise<RestoreDone> {
    // The token proves a preview was shown; a script in the window could still have asked for
    // both, so the person says yes in main's own dialog, which no script can answer.
    const agreed = await this.options.dialogs.confirm({
      message: 'Replace your notes with this backup?',
      detail: `The notes in NoteVault now will be replaced by the ones in "${basename(chosen)}". A copy of your current notes is kept as a "before restore" backup.`,
      confirmLabel: 'Replace my notes',
    });
    if (!agreed) {
      throw explainBackupError(
        'restore',
        new NoteVaultError('CANCELLED', 'Cancel was chosen in the confirmation.'),
      );
    }
    const { path: file, sha256 } = await this.consents.take(restoreToken);
    const { holder, events } = this.options;
    // No folder chosen yet: the safety backup goes next to the backup being restored.
    const safetyFolder = this.options.backupFolder() ?? dirname(file);
    let released = false;
    try {
      const result = await this.run(
        'restore',
        {
          kind: 'restore',
          request: {
            file,
            databasePath: holder.databasePath,
            keySource,
            ...safety,
            safetyBackupFolder: safetyFolder,
            appVersion: this.options.appVersion,
            expectedFileSha256: sha256,
            ...this.engineOptions(),
          },
        },
        () => {
          released = true;
          holder.close();
          return Promise.resolve();
        },
      );
      events('restore:didReplaceDatabase', { restoredNotes: result.restoredNotes });
      return {
        restoredNotes: result.restoredNotes,
        restoredAlso: result.restoredAlso,
        keptInHistory: result.keptInHistory,
        safetyBackup: result.safetyBackup === null ? null : basename(result.safetyBackup),
        safetyFolder,
      };
    } finally {
      if (released) reopen(holder, () => events('notes:didChange', { reason: 'replaced', ids: [] }));
    }
  }

  /** backup-keys.json beside the notes database: the public keys every new backup gets slots for. */
  private keptKeys(operation: BackupOperation): Promise<BackupKeys> {
    return readBackupKeys(dirname(this.options.holder.databasePath)).catch((error: unknown) => {
      throw explainBackupError(operation, error);
    });
  }

  /** Whether the copy made before a restore needs no passkey: the passkey's public key is kept. */
  private async safetyKeyIsKept(): Promise<boolean> {
    // A damaged file counts as none: the window asks for the passkey, and the restore says why.
    const kept = await readBackupKeys(dirname(this.options.holder.databasePath)).catch(() => null);
    return kept?.passkey != null;
  }

  private engineOptions() {
    const { nativeBinding, tempParent, inMemoryLimit } = this.options;
    return {
      ...(nativeBinding === undefined ? {} : { nativeBinding }),
      ...(tempParent === undefined ? {} : { tempParent }),
      ...(inMemoryLimit === undefined ? {} : { inMemoryLimit }),
    };
  }

  private run<J extends BackupJob>(
    operation: BackupOperation,
    job: J,
    releaseLiveDatabase?: () => Promise<void>,
  ): Promise<BackupJobResult<J>> {
    return this.track(operation, (controls) =>
      this.options.jobs.run(job, {
        ...controls,
        ...(releaseLiveDatabase === undefined ? {} : { releaseLiveDatabase }),
      }),
    );
  }

  /** One job at a time from the window, cancellable, its progress forwarded and its errors explained. */
  private async track<T>(
    operation: BackupOperation,
    start: (controls: { signal: AbortSignal; onProgress: (progress: JobProgress) => void }) => Promise<T>,
  ): Promise<T> {
    if (this.running !== undefined) {
      throw explainBackupError(
        operation,
        new NoteVaultError('BUSY', `A ${this.running.operation} is running.`),
      );
    }
    const abort = new AbortController();
    this.running = { operation, abort };
    const progressEvent = operation === 'backup' ? 'backup:didProgress' : 'restore:didProgress';
    try {
      return await start({
        signal: abort.signal,
        onProgress: (progress) => this.options.events(progressEvent, { ...progress }),
      });
    } catch (error) {
      throw explainBackupError(operation, error);
    } finally {
      this.running = undefined;
    }
  }
}

/** After a restore released it, the database is reopened whatever happened; failing that is said plainly. */
function reopen(holder: NotesDatabaseHolder, announce: () => void): void {
  try {
    holder.open();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new NoteVaultError(
      'INTERNAL',
      `NoteVault could not reopen your notes after the restore: ${detail} Restart NoteVault; the safety backup in your backup folder holds the notes from before.`,
      { cause: error },
    );
  }
  announce();
}

/** The typed way in as a job's key source, a refusal explained as the window shows it. */
function explainedKeySource(wayIn: WayInText, operation: BackupOperation): KeySource {
  try {
    return requiredKeySource(wayIn);
  } catch (error) {
    throw explainBackupError(operation, error);
  }
}
