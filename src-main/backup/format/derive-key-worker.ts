/**
 * worker_threads entry: derives one key and exits, taking the Argon2id-sized WebAssembly
 * heap with it. Started by `deriveKeyInWorker`; build it as its own entry point.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { NoteVaultError } from '../../../src-shared/errors';
import { failure, success } from '../../../src-shared/result';
import type { DeriveKeyReply, DeriveKeyRequest } from './derive-key-in-worker';
import { deriveKey } from './kdf';

async function run(): Promise<void> {
  const port = parentPort;
  if (port === null) {
    throw new Error('derive-key-worker must be started as a worker thread (see deriveKeyInWorker).');
  }
  const { passkey, params } = workerData as DeriveKeyRequest;
  let reply: DeriveKeyReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const derived = await deriveKey(passkey, params);
    // A plain copy we can transfer; the original is wiped.
    const key = new Uint8Array(derived);
    derived.fill(0);
    reply = success(key);
    transfer = [key.buffer];
  } catch (error) {
    reply = failure(
      error instanceof NoteVaultError
        ? error.toJSON()
        : { code: 'INTERNAL', message: `Deriving the backup key failed: ${String(error)}` },
    );
  }
  port.postMessage(reply, transfer);
}

void run();
