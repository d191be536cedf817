import type { OsScheduleStatus } from '../../../src-shared/ipc/contract-os-schedule';
import type { Settings } from '../../../src-shared/settings';
import { useApiCall } from './useLatestCall';

/**
 * What the operating system has registered for backups while NoteVault is closed, read again
 * when the settings that decide it change (main registers or removes it as they do).
 */
export function useOsSchedule(
  settings: Settings | null,
  onError: (error: unknown) => void,
): OsScheduleStatus | null {
  const key = settings
    ? `${settings.schedule}/${String(settings.backupWhileClosed?.enabled)}/${String(settings.backupWhileClosed?.whenLoggedOff)}`
    : '';
  return useApiCall((a) => a.osSchedule.status(), [key], onError).data ?? null;
}
