import type { BackupDestinations } from '../destinations/backup-destinations';
import type { IpcHandlers } from './router';

type DestinationsHandlers = Pick<IpcHandlers, Extract<keyof IpcHandlers, `destinations:${string}`>>;

/** The `destinations:*` channels (contract-destinations.ts); settings:addDestination lives with the settings. */
export function createDestinationsHandlers(destinations: BackupDestinations): DestinationsHandlers {
  return {
    'destinations:status': () => destinations.status(),
    'destinations:catchUp': async () => {
      const copied = await destinations.catchUp();
      return { copied, destinations: await destinations.status() };
    },
  };
}
