/**
 * The messages between the main thread (run-backup-job.ts) and the backup job worker
 * (backup-job-worker.ts). Everything here crosses a structured clone, so it holds plain
 * data only: no functions, no class instances (a NoteVaultError arrives as a plain
 * object, hence SerializedError), and never a stack trace, which would show file paths
 * of the build machine to whoever reads the error.
 */
import type { SerializedError } from '../../../src-shared/errors';
import type { Result } from '../../../src-shared/result';
import type { makeBrowseCopy } from '../browse-copy';
import type { createBackup } from '../create-backup';
import type { drillBackup } from '../drill/drill-backup';
import type { inspectBackup } from '../inspect-backup';
import type { previewRestore } from '../preview-restore';
import type { JobProgress } from '../progress';
import type { restoreBackup } from '../restore-backup';
import type { verifyBackup } from '../verify-backup';
import type { changePasskey } from '../rekey/change-passkey';
import type { ImportFormat, ImportReport } from '../../import/imported-note';
import type { ExportFormat, ExportReport } from '../../export/export-types';

// Derived from the pipeline functions themselves, so a job can never drift from what the
// function it runs accepts and returns. `now` is a function, which cannot cross threads.
export type BackupJobRequest = Omit<Parameters<typeof createBackup>[0], 'now'>;
export type VerifyJobRequest = Parameters<typeof verifyBackup>[0];
export type RestoreJobRequest = Parameters<typeof restoreBackup>[0];
export type PreviewRestoreJobRequest = Parameters<typeof previewRestore>[0];
export type BrowseJobRequest = Parameters<typeof makeBrowseCopy>[0];
export type ChangePasskeyJobRequest = Parameters<typeof changePasskey>[0];
export type DrillJobRequest = Parameters<typeof drillBackup>[0];
export interface InspectJobRequest {
  file: string;
  keySource?: Parameters<typeof inspectBackup>[1];
}

/** An import (src-main/import/run-import.ts) on the worker's own connection to the database. */
export interface ImportJobRequest {
  source: string;
  databasePath: string;
  from?: ImportFormat;
  nativeBinding?: string | undefined;
}

/** An export (src-main/export/run-export.ts) on the worker's own connection to the database. */
export interface ExportJobRequest {
  destination: string;
  databasePath: string;
  format: ExportFormat;
  history: boolean;
  overwrite: boolean;
  nativeBinding?: string | undefined;
}

/** One unit of work for a fresh worker. Passkeys travel here, never on a command line. */
export type BackupJob =
  | { kind: 'import'; request: ImportJobRequest }
  | { kind: 'export'; request: ExportJobRequest }
  | { kind: 'backup'; request: BackupJobRequest }
  | { kind: 'verify'; request: VerifyJobRequest }
  | { kind: 'restore'; request: RestoreJobRequest }
  | { kind: 'inspect'; request: InspectJobRequest }
  | { kind: 'preview-restore'; request: PreviewRestoreJobRequest }
  | { kind: 'browse'; request: BrowseJobRequest }
  | { kind: 'change-passkey'; request: ChangePasskeyJobRequest }
  | { kind: 'drill'; request: DrillJobRequest };

export type BackupJobKind = BackupJob['kind'];

export interface BackupJobResults {
  backup: Awaited<ReturnType<typeof createBackup>>;
  verify: Awaited<ReturnType<typeof verifyBackup>>;
  restore: Awaited<ReturnType<typeof restoreBackup>>;
  inspect: Awaited<ReturnType<typeof inspectBackup>>;
  'preview-restore': Awaited<ReturnType<typeof previewRestore>>;
  browse: Awaited<ReturnType<typeof makeBrowseCopy>>;
  import: ImportReport;
  export: ExportReport;
  'change-passkey': Awaited<ReturnType<typeof changePasskey>>;
  drill: Awaited<ReturnType<typeof drillBackup>>;
}

export type BackupJobResult<J extends BackupJob = BackupJob> = BackupJobResults[J['kind']];

/** Main thread -> worker. */
export type ToWorkerMessage =
  | {
      type: 'start';
      job: BackupJob;
      /**
       * Whether the main thread holds the live database open. Only then does a restore ask
       * for it to be released; the CLI holds nothing, so its restores never wait for that.
       */
      liveDatabaseHeld: boolean;
    }
  | { type: 'cancel' }
  | { type: 'released' }
  | { type: 'release-failed'; error: SerializedError };

/** Worker -> main thread. */
export type FromWorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'release-live-database-request' }
  | { type: 'outcome'; outcome: Result<BackupJobResult> };
