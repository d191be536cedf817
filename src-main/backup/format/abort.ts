import { NoteVaultError } from '../../../src-shared/errors';

/**
 * The one cancellation check of the backup jobs, called between chunks and between steps, so
 * cancelling never leaves a chunk or a step half done. Jobs pass `controls.signal`.
 */
export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelledError(what);
}

/** "The backup was cancelled.": what every job says when it stops on request. */
export function cancelledError(what: string): NoteVaultError {
  return new NoteVaultError('CANCELLED', `${what} was cancelled.`);
}
