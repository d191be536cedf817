import type { SerializedError } from './errors';

/**
 * The one shape of an answer that crosses a thread or process boundary: IPC replies to the
 * window, the key-derivation and backup workers' replies, a scheduled run's outcome, a
 * parsed settings file. A thrown error does not survive a structured clone or Electron's IPC
 * (only its message does), so failures travel as data with their code.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

export function success<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function failure(error: SerializedError): Result<never> {
  return { ok: false, error };
}
