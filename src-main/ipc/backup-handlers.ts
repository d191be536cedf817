import type { BackupRestoreJobs } from '../app/backup-restore-jobs';
import { assertNewPasskeyStrongEnough } from '../app/passkey-check';
import type { IpcHandlers } from './router';

type BackupHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `backup:${string}` | `restore:${string}`>>;

/**
 * The `backup:*` and `restore:*` channels over the window's backup and restore jobs. Arguments
 * were validated by the router against contract-backup.ts; none of them is a path.
 */
export function createBackupHandlers(jobs: BackupRestoreJobs): BackupHandlers {
  return {
    'backup:getFolder': () => jobs.folderState(),
    'backup:plan': () => jobs.plan(),
    // A new backup's passkey must be strong enough here too, whatever the dialog let through.
    'backup:create': async (args) => {
      await assertNewPasskeyStrongEnough(args.passkey);
      return jobs.createBackup(args);
    },
    'backup:cancel': () => jobs.cancel(),
    'restore:chooseFile': () => jobs.chooseRestoreFile(),
    'restore:fromBackupsFolder': (args) => jobs.chooseFromBackupFolder(args),
    'restore:preview': (args) => jobs.previewRestore(args),
    // The passkey for the copy of the current notes encrypts a new backup: the same rule.
    'restore:run': async (args) => {
      if (args.safetyPasskey !== undefined) await assertNewPasskeyStrongEnough(args.safetyPasskey);
      return jobs.restore(args);
    },
  };
}
