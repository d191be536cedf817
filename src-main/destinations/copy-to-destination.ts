/**
 * One backup copied into one destination, as a copy record for the catalogue: 'verified' when the
 * copy's whole-file SHA-256 equals the catalogue's, 'missing' when the folder cannot be reached
 * (skipped with a warning, caught up later), 'failed' for anything else (held by a sync client
 * beyond the retry budget, disk full, a copy that read back different). Never throws for a
 * destination's problem: one destination must not stop the others.
 */
import { NoteVaultError } from '../../src-shared/errors';
import type { CopyRecord } from '../settings/backup-catalogue';
import type { FileLayerOptions } from '../fsx/retry';
import { healthAction } from '../health/health-actions';
import { reachDestination } from './reach-destination';

// The Health view's button that runs a catch-up: named in sentences with the label it shows.
const CATCH_UP = healthAction('catch-up').label;

/** H4's copy-in (src-main/fsx/copy-into-folder.ts): partial, fsync, published without replacing, re-read and hash. */
export type CopyBackupInto = (
  source: string,
  folder: string,
  name: string,
  options: FileLayerOptions & { expectedSha256: string; signal?: AbortSignal; syncedFolder?: boolean },
) => Promise<{ file: string; sha256: string }>;

export interface CopyRequest {
  source: string;
  folder: string;
  name: string;
  expectedSha256: string;
  /** A sync client watches the folder: the copy is published by one rename, never a hard link. */
  syncedFolder?: boolean;
}

export interface CopyContext {
  copyBackupInto: CopyBackupInto;
  fileLayer?: FileLayerOptions;
  now: () => number;
}

export async function copyToDestination(request: CopyRequest, context: CopyContext): Promise<CopyRecord> {
  const { source, folder, name, expectedSha256, syncedFolder } = request;
  const at = () => context.now();
  let reach;
  try {
    reach = await reachDestination(folder, context.fileLayer);
  } catch (error) {
    return failed(at(), folder, name, error);
  }
  if (!reach.reachable) return { state: 'missing', at: at(), message: reach.message, details: reach.details };
  try {
    const copied = await context.copyBackupInto(source, folder, name, {
      ...context.fileLayer,
      expectedSha256,
      syncedFolder,
    });
    // copyBackupInto checks the hash itself; a copy is only ever recorded verified against the catalogue's.
    if (copied.sha256 !== expectedSha256) {
      throw new NoteVaultError(
        'BACKUP_DAMAGED',
        `The copy of "${name}" in "${folder}" reads back different from the backup; NoteVault copies the newest backup there at the next backup, or choose "${CATCH_UP}" in the Health view.`,
        { details: `${copied.file}: SHA-256 ${copied.sha256}, expected ${expectedSha256}` },
      );
    }
    return { state: 'verified', at: at() };
  } catch (error) {
    return failed(at(), folder, name, error);
  }
}

function failed(at: number, folder: string, name: string, error: unknown): CopyRecord {
  if (error instanceof NoteVaultError && error.code === 'CANCELLED') {
    return {
      state: 'pending',
      at,
      // Catch-up copies only the newest backup a destination lacks, so say that rather than "it".
      message: `Copying "${name}" to "${folder}" was cancelled; NoteVault copies the newest backup there at the next backup, or choose "${CATCH_UP}" in the Health view.`,
      details: error.message,
    };
  }
  // copyBackupInto's own sentences name the backup and the destination; anything else gets one.
  const worded = error instanceof NoteVaultError && error.code !== 'INTERNAL';
  const cause = error instanceof NoteVaultError ? (error.details ?? describe(error.cause)) : describe(error);
  return {
    state: 'failed',
    at,
    message: worded
      ? error.message
      : `NoteVault could not copy "${name}" to "${folder}"; it copies the newest backup there at the next backup, or choose "${CATCH_UP}" in the Health view.`,
    details: cause ?? describe(error),
  };
}

function describe(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}
