import type { BackgroundScheduleService } from '../os-schedule/background-schedule-service';
import type { IpcHandlers } from './router';

type OsScheduleHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `osSchedule:${string}`>>;

/** The `osSchedule:*` channels (contract-os-schedule.ts): backups while NoteVault is closed. */
export function createOsScheduleHandlers(osSchedule: BackgroundScheduleService): OsScheduleHandlers {
  return {
    'osSchedule:status': () => osSchedule.status(),
  };
}
