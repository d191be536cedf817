import type { BackupsListService } from '../app/backups-list-service';
import type { IpcHandlers } from './router';

// backups:retentionPreview has its own service (retention-handlers.ts).
type BackupsListHandlers = Pick<
  IpcHandlers,
  Exclude<Extract<keyof IpcHandlers, `backups:${string}`>, 'backups:retentionPreview'>
>;

/**
 * The `backups:*` channels of the backups view. Backups are named by file name and resolved
 * inside the configured folder by the service, so no path from the renderer is ever used.
 */
export function createBackupsListHandlers(backups: BackupsListService): BackupsListHandlers {
  return {
    'backups:list': () => backups.list(),
    // The passkey, the recovery code (parsed again in main) or neither (this device's key).
    'backups:verify': ({ name, passkey, recoveryCode }) => backups.verify(name, passkey, recoveryCode),
    'backups:delete': ({ name }) => backups.delete(name),
    'backups:showInFolder': ({ name }) => backups.showInFolder(name),
  };
}
