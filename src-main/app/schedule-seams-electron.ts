/** The app's scheduling seams: the real clock, the OS keychain, key derivation in a worker, desktop notifications. */
import { join } from 'node:path';
import { Notification } from 'electron';
import { deriveKeyInWorker } from '../backup/format/derive-key-in-worker';
import { createElectronSealedKeyStore } from '../keystore/sealed-key-store-electron';
import { systemClock } from '../schedule/scheduler-types';
import type { ScheduleSeams } from './schedule-service';

/** Call after app 'ready' (the keychain answers "unavailable" before it). `workerDir` holds the built workers. */
export function electronScheduleSeams(workerDir: string): ScheduleSeams {
  return {
    clock: systemClock,
    keyStore: createElectronSealedKeyStore(),
    // Argon2id grows the WebAssembly heap, which never shrinks: derive in a short-lived worker.
    deriveKey: (passkey, params) =>
      deriveKeyInWorker(passkey, params, join(workerDir, 'derive-key-worker.js')),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  };
}
