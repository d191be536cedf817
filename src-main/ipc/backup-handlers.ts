import type { BackupRestoreJobs } from '../app/backup-restore-jobs';
import type { IpcHandlers } from './router';

type BackupHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `backup:${string}` | `restore:${string}`>>;

/**
 * The `backup:*` and `restore:*` channels over the window's backup and restore jobs. Arguments
 * were validated by the router against contract-backup.ts; none of them is a path.
 */
export function createBackupHandlers(jobs: BackupRestoreJobs): BackupHandlers {
  return {
    'backup:getFolder': () => jobs.folderState(),
    'backup:create': (args) => jobs.createBackup(args),
    'backup:cancel': () => jobs.cancel(),
    'restore:chooseFile': () => jobs.chooseRestoreFile(),
    'restore:fromBackupsFolder': (args) => jobs.chooseFromBackupFolder(args),
    'restore:preview': (args) => jobs.previewRestore(args),
    'restore:run': (args) => jobs.restore(args),
  };
}
