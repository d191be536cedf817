import { Worker } from 'node:worker_threads';
import { NoteVaultError } from '../../../src-shared/errors';
import type { Result } from '../../../src-shared/result';
import { cancelledError, throwIfCancelled } from './abort';
import { deserializeError } from '../worker/serialize-error';
import { KEY_BYTES } from './format-constants';
import { assertKdfParamsWithinBounds } from './kdf';
import type { KdfParams } from './kdf';

/** What derive-key-worker.ts receives as `workerData`. */
export interface DeriveKeyRequest {
  passkey: string;
  params: KdfParams;
}

/** What derive-key-worker.ts posts back: the key, or the error deriveKey threw. */
export type DeriveKeyReply = Result<Uint8Array>;

/**
 * Runs `deriveKey` in a short-lived worker thread. Argon2id grows the WebAssembly heap to
 * `memlimit` (256 MiB by default) and that heap never shrinks; in a worker it is released
 * when the thread exits. `workerPath` is the built derive-key-worker file: the bundler
 * decides where that lands, so the caller supplies it. Aborting terminates the worker.
 */
export async function deriveKeyInWorker(
  passkey: string,
  params: KdfParams,
  workerPath: string | URL,
  options: { signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  // Fail fast on parameters the worker would refuse anyway, without starting a thread.
  assertKdfParamsWithinBounds(params);
  const { signal } = options;
  throwIfCancelled(signal, 'Deriving the backup key');
  const request: DeriveKeyRequest = { passkey, params };
  const worker = new Worker(workerPath, { workerData: request });

  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = (): void => {
      settle(() => reject(cancelledError('Deriving the backup key')));
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    worker.once('message', (reply: DeriveKeyReply) => {
      settle(() => {
        // Checked like every error from another thread: a known code, a message, bounded details.
        if (!reply.ok) reject(deserializeError(reply.error));
        else if (reply.value.length !== KEY_BYTES) {
          reject(
            new NoteVaultError('INTERNAL', `The key-derivation worker returned ${reply.value.length} bytes.`),
          );
        } else resolve(reply.value);
      });
    });
    worker.once('error', (error: Error) => {
      settle(() =>
        reject(
          new NoteVaultError(
            'INTERNAL',
            `The key-derivation worker ${String(workerPath)} failed: ${error.message}`,
            {
              cause: error,
            },
          ),
        ),
      );
    });
    worker.once('exit', (exitCode: number) => {
      settle(() =>
        reject(
          new NoteVaultError(
            'INTERNAL',
            `The key-derivation worker ${String(workerPath)} exited (code ${exitCode}) without sending a key.`,
          ),
        ),
      );
    });
  });
}
