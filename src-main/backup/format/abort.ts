import { NoteVaultError } from '../../../src-shared/errors';

/** Checked between chunks: cancelling never leaves a chunk half-processed. */
export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) {
    throw new NoteVaultError('CANCELLED', `${what} was cancelled.`);
  }
}
