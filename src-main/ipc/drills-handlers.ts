import type { DrillService } from '../drills/drill-service';
import type { IpcHandlers } from './router';

type DrillsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `drills:${string}`>>;

/** The `drills:*` channels; arguments were validated (and bounded) by the router against contract-drills.ts. */
export function createDrillsHandlers(drills: DrillService): DrillsHandlers {
  return {
    'drills:status': () => drills.status(),
    // The passkey, the recovery code (parsed again in main) or neither (this device's key).
    'drills:runNow': (wayIn) => drills.runNow(wayIn ?? {}),
    'drills:cancel': () => {
      drills.cancel();
    },
  };
}
