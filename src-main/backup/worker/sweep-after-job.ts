import { tmpdir } from 'node:os';
import { dirname } from 'node:path';
import { destinationFolder } from '../backup-target';
import { startupSweep } from '../startup-sweep';
import type { BackupJob } from './job-protocol';

const JOB_NAMES: Record<BackupJob['kind'], string> = {
  backup: 'backup',
  verify: 'backup check',
  restore: 'restore',
  inspect: 'backup inspection',
  'preview-restore': 'restore preview',
  browse: 'opening of a backup to browse',
  import: 'import',
  export: 'export',
  'change-passkey': 'passkey change',
  drill: 'restore drill',
};

export function describeJob(job: BackupJob): string {
  return JOB_NAMES[job.kind];
}

/** The folders a job may leave files in: its temp parent, the database's and the backups'. */
export function jobFolders(
  job: BackupJob,
): { databaseFolder: string; backupFolders: string[]; tempParent: string } | undefined {
  switch (job.kind) {
    case 'backup': {
      const { destination, databasePath, tempParent } = job.request;
      return {
        databaseFolder: dirname(databasePath),
        backupFolders: [destinationFolder(destination)],
        tempParent: tempParent ?? tmpdir(),
      };
    }
    case 'restore': {
      // The restore decrypts next to the live database, so its folder is swept too.
      const { databasePath, safetyBackupFolder, tempParent } = job.request;
      return {
        databaseFolder: dirname(databasePath),
        backupFolders: [safetyBackupFolder],
        tempParent: tempParent ?? tmpdir(),
      };
    }
    case 'verify':
    case 'preview-restore':
    case 'drill': {
      // A check writes plaintext only under its temp parent, never next to the backup or
      // a database, so that is the only folder to sweep (the sweep merges repeated folders).
      const parent = job.request.tempParent ?? tmpdir();
      return { databaseFolder: parent, backupFolders: [], tempParent: parent };
    }
    case 'browse': {
      // Its plaintext goes into the caller's private temp folder, which this thread owns, so
      // the sweep skips that folder as in use (BrowseSessions wipes it when the job fails);
      // sweeping the parent still clears what an earlier, dead process left there.
      const parent = dirname(job.request.tempDir);
      return { databaseFolder: parent, backupFolders: [], tempParent: parent };
    }
    case 'inspect':
    case 'import':
      // Reads a header and one chunk into memory: nothing on disk to clean up. An import
      // writes only inside the database's transaction, which SQLite rolls back by itself.
      return undefined;
    case 'change-passkey': {
      // A header write cut short leaves its journal in a backup folder: the sweep finishes it.
      const { keysFolder, backupFolders } = job.request;
      return { databaseFolder: keysFolder, backupFolders, tempParent: keysFolder };
    }
    case 'export': {
      // Its staging folder and partial file are named as the sweep knows, beside the destination.
      const parent = dirname(job.request.destination);
      return { databaseFolder: parent, backupFolders: [], tempParent: parent };
    }
  }
}

/**
 * Runs the start-up sweep over a job's folders after its worker ended without cleaning
 * up (crashed or was terminated). Resolves with a description of what could not be
 * cleaned, or undefined when everything was; it never rejects, because the caller is
 * already reporting the job's own failure.
 */
export async function sweepAfterJob(job: BackupJob): Promise<string | undefined> {
  const folders = jobFolders(job);
  if (folders === undefined) return undefined;
  try {
    const report = await startupSweep(folders);
    const [first, ...others] = report.failures;
    if (first === undefined) return undefined;
    return others.length === 0 ? first.message : `${first.message} (and ${others.length} more)`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
