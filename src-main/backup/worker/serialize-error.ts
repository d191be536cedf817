import { NoteVaultError, parseSerializedError } from '../../../src-shared/errors';
import type { SerializedError } from '../../../src-shared/errors';

/**
 * The code, message and details of any thrown value, for the trip across the thread boundary.
 * Stacks are dropped on purpose: the message is what a person reads, and a stack would
 * only leak build paths. Anything that is not a NoteVaultError is a bug, so INTERNAL.
 */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof NoteVaultError) return error.toJSON();
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: `The backup worker failed unexpectedly: ${detail}. This is a bug in NoteVault; please report it.`,
  };
}

/** Rebuilds the error on the receiving side; a malformed value is itself a bug. */
export function deserializeError(value: unknown): NoteVaultError {
  return (
    parseSerializedError(value) ??
    new NoteVaultError('INTERNAL', 'The backup worker reported a failure in a form NoteVault does not know.')
  );
}
