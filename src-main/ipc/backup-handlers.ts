import type { BackupController } from '../app/backup-controller';
import type { IpcHandlers } from './router';

type BackupHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `backup:${string}` | `restore:${string}`>>;

/**
 * The `backup:*` and `restore:*` channels over the controller. Arguments were validated by
 * the router against contract-backup.ts; none of them is a path.
 */
export function createBackupHandlers(controller: BackupController): BackupHandlers {
  return {
    'backup:getFolder': () => controller.folderState(),
    'backup:chooseFolder': () => controller.chooseFolder(),
    'backup:create': (args) => controller.createBackup(args),
    'backup:cancel': () => controller.cancel(),
    'backup:showInFolder': (args) => controller.showInFolder(args),
    'restore:chooseFile': () => controller.chooseRestoreFile(),
    'restore:fromBackupsFolder': (args) => controller.chooseFromBackupFolder(args),
    'restore:preview': (args) => controller.previewRestore(args),
    'restore:run': (args) => controller.restore(args),
  };
}
