import { assertNewPasskeyStrongEnough } from '../app/passkey-check';
import type { ScheduleService } from '../app/schedule-service';
import type { IpcHandlers } from './router';

type ScheduleHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `schedule:${string}`>>;

/** The `schedule:*` channels; arguments were validated by the router against contract-schedule.ts. */
export function createScheduleHandlers(schedule: ScheduleService): ScheduleHandlers {
  return {
    'schedule:keychainStatus': () => schedule.keychainStatus(),
    // Scheduled backups are encrypted under this passkey: the same rule as a manual backup's.
    'schedule:enable': async ({ interval, passkey }) => {
      await assertNewPasskeyStrongEnough(passkey);
      return schedule.enable(interval, passkey);
    },
    'schedule:disable': () => schedule.disable(),
    'schedule:status': () => schedule.status(),
  };
}
