import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';
import { createNotevaultApi } from '../../src-shared/ipc/client';
import type { NotevaultApi, NotevaultTransport } from '../../src-shared/ipc/client';

const unreachable = (): NoteVaultError =>
  new NoteVaultError(
    'INTERNAL',
    'NoteVault cannot reach its main process: this page was opened outside the NoteVault app. Start NoteVault itself.',
  );

/**
 * Stands in for a missing `window.notevault`, so the page still renders and every call
 * fails with a sentence for the error banner instead of the page failing to start.
 */
const unreachableTransport: NotevaultTransport = {
  invoke: () => Promise.reject(unreachable()),
  subscribe: () => {
    throw unreachable();
  },
};

/**
 * The typed API, built here in the renderer's own world over the preload's transport, so
 * errors keep their NoteVault code (contextBridge would reduce them to a message). Without
 * a transport every call fails with a sentence that says to start NoteVault itself.
 */
export function apiOver(transport: NotevaultTransport | undefined): NotevaultApi {
  return createNotevaultApi(transport ?? unreachableTransport);
}

/** The API over the preload's `window.notevault`: built once, at the root (main.tsx). */
export const windowApi = (): NotevaultApi => apiOver(window.notevault);

/** What the window shows of a failure: the sentence, and behind "Details" the code and technical text. */
export interface ShownError {
  message: string;
  code?: ErrorCode;
  details?: string;
}

/** The sentence for the error banner or a dialog, whatever was thrown, with its details if any. */
export function describeError(error: unknown): ShownError {
  if (error instanceof NoteVaultError) {
    return error.details === undefined
      ? { message: error.message, code: error.code }
      : { message: error.message, code: error.code, details: error.details };
  }
  if (error instanceof Error && error.message) {
    return { message: 'Something went wrong inside NoteVault. Please try again.', details: error.message };
  }
  return { message: 'Something went wrong. Please try again.' };
}
