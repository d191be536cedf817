import { NoteVaultError } from '../../src-shared/errors';
import { createNotevaultApi } from '../../src-shared/ipc/client';
import type { NotevaultApi } from '../../src-shared/ipc/client';

let api: NotevaultApi | undefined;

/**
 * The typed API, built here in the renderer's own world over the preload's transport, so
 * errors keep their NoteVault code (contextBridge would reduce them to a message).
 */
export function notevault(): NotevaultApi {
  if (api) return api;
  const transport = window.notevault;
  if (!transport) {
    throw new NoteVaultError(
      'INTERNAL',
      'NoteVault cannot reach its main process: this page was opened outside the NoteVault app. Start NoteVault itself.',
    );
  }
  api = createNotevaultApi(transport);
  return api;
}

/** A sentence for the error banner, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof NoteVaultError) return error.message;
  if (error instanceof Error && error.message) return `Something went wrong: ${error.message}`;
  return 'Something went wrong. Please try again.';
}
