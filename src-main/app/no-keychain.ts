import type { SealedKeyStore } from '../keystore/sealed-key-store';
import { keychainUnavailableError } from '../keystore/file-sealed-key-store';
import { systemClock } from '../schedule/scheduler-types';
import type { ScheduleSeams } from './schedule-service';

const REASON = 'this NoteVault was started without access to one.';

/**
 * The seams when the caller provides none (tests of other services): real time, no desktop
 * notifications, and no keychain, so scheduled backups can never be turned on, and saying why.
 */
export function scheduleSeamsWithoutKeychain(): ScheduleSeams {
  const keyStore: SealedKeyStore = {
    keychainName: 'no keychain',
    availability: () => Promise.resolve({ available: false, reason: REASON }),
    save: () => Promise.reject(keychainUnavailableError('no keychain', REASON)),
    load: () => Promise.resolve(null),
    forget: () => Promise.resolve(),
  };
  return {
    clock: systemClock,
    keyStore,
    deriveKey: () => Promise.reject(keychainUnavailableError('no keychain', REASON)),
    notify: () => undefined,
  };
}
