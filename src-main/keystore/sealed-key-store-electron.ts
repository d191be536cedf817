/**
 * The app's SealedKeyStore: safeStorage seals, userData holds the file. Call after app 'ready'
 * (safeStorage answers "unavailable" before it). Thin on purpose: everything testable lives in
 * file-sealed-key-store.ts and safe-storage-sealer.ts.
 */
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { FileSealedKeyStore, SEALED_KEY_FILE } from './file-sealed-key-store';
import { safeStorageSealer } from './safe-storage-sealer';
import type { SealedKeyStore } from './sealed-key-store';

export function createElectronSealedKeyStore(): SealedKeyStore {
  return new FileSealedKeyStore(
    join(app.getPath('userData'), SEALED_KEY_FILE),
    safeStorageSealer(safeStorage, process.platform),
  );
}
