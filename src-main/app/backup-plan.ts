import { statSync } from 'node:fs';
import { NoteVaultError } from '../../src-shared/errors';
import type { BackupPlan } from '../../src-shared/ipc/contract-backup';
import { backupPhaseSeconds, estimatedSeconds } from '../../src-shared/job-progress';
import { backupFileName } from '../backup/backup-names';
import { NEW_BACKUP_KEY_SECONDS } from '../backup/format/opening-cost';

/** The live repository's counts (NotesRepository.count). */
export interface NoteCounts {
  count(options?: { trashed?: boolean }): number;
}

export interface BackupPlanInput {
  notes: NoteCounts;
  databasePath: string;
  folder: string | null;
  /** Milliseconds since the epoch: the time the file's name would carry. */
  now: number;
}

const NOTHING_TO_BACK_UP = 'There are no notes to back up yet: write a note first, then back it up.';

/** The refusal of a backup that would hold no notes, or null: one sentence for the plan and for backup:create. */
export function nothingToBackUp(noteCount: number): string | null {
  return noteCount === 0 ? NOTHING_TO_BACK_UP : null;
}

/** Throws VALIDATION when there is no note, live or trashed, to back up (a backup of nothing only misleads). */
export function assertSomethingToBackUp(notes: NoteCounts): void {
  const refusal = nothingToBackUp(notes.count({ trashed: false }) + notes.count({ trashed: true }));
  if (refusal !== null) throw new NoteVaultError('VALIDATION', refusal);
}

/**
 * What a manual backup made now would hold, where it would go and how long it would take, for
 * the dialog to say before it starts (issue #14). The size is the database file and its WAL, a
 * little more than the snapshot a backup encrypts; the time comes from the measured throughput
 * in src-shared/job-progress.ts and Argon2id's cost model (opening-cost.ts).
 */
export function planBackup({ notes, databasePath, folder, now }: BackupPlanInput): BackupPlan {
  const live = notes.count({ trashed: false });
  const trashedCount = notes.count({ trashed: true });
  const noteCount = live + trashedCount;
  const databaseBytes = fileSize(databasePath) + fileSize(`${databasePath}-wal`);
  const phaseSeconds = backupPhaseSeconds(databaseBytes, NEW_BACKUP_KEY_SECONDS);
  return {
    noteCount,
    trashedCount,
    databaseBytes,
    folder,
    fileName: backupFileName(new Date(now), 'manual'),
    estimatedSeconds: estimatedSeconds(phaseSeconds),
    phaseSeconds,
    refusal: nothingToBackUp(noteCount),
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    // No WAL file (checkpointed and removed) is the usual case, not a failure.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}
