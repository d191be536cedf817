/**
 * What the Windows-side runners share (runner.ts for the file-layer cases, copy-in-runner.ts for the
 * copy into a watched folder): waiting for a signal file, and a caught error as a result reports it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { NoteVaultError } from '../../src-shared/errors';
import type { Outcome } from './protocol';

export const HOLDER_START_TIMEOUT_MS = 30_000;
const POLL_MS = 5;

/** Waits for the first of `names` to appear in the signal folder; undefined on time-out. */
export async function waitForSignal(
  dir: string,
  names: string[],
  timeoutMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = names.find((name) => existsSync(join(dir, name)));
    if (seen) return seen;
    if (Date.now() > deadline) return undefined;
    await delay(POLL_MS);
  }
}

export function describeError(error: unknown): { outcome: Outcome; code: string; message: string } {
  if (error instanceof NoteVaultError) {
    return {
      outcome: error.code === 'FILE_LOCKED' ? 'FILE_LOCKED' : 'other',
      code: error.code,
      message: error.message,
    };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { outcome: 'other', code: error instanceof Error ? error.name : typeof error, message };
}
