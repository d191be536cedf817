/**
 * How a drill's error reads: a verdict on the backup (kept in the catalogue, notified), or a
 * drill that could not be tried (reported only), and the notification for a run's failures.
 */
import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';
import { formatCount } from '../../src-shared/format';
import type { DrillOutcomeView, DrillRunView } from '../../src-shared/ipc/contract-drills';

/** Errors that are a verdict on the backup file itself: its drill failed. */
export const FILE_VERDICTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BACKUP_DAMAGED',
  'NOT_A_BACKUP',
  'BACKUP_UNSUPPORTED',
  'DB_CORRUPT',
  'DB_FOREIGN',
  'DB_NOT_SQLITE',
  'DB_NEWER_SCHEMA',
  'NOT_FOUND',
  'IO',
]);
/** The typed passkey or code did not open it: the window asks again. */
export const KEY_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'WRONG_PASSKEY',
  'WRONG_RECOVERY_CODE',
  'KEY_MISMATCH',
]);

export function asNoteVaultError(error: unknown): NoteVaultError {
  if (error instanceof NoteVaultError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new NoteVaultError('INTERNAL', `The restore test stopped unexpectedly: ${detail}`, { cause: error });
}

/** One notification for a run's failed drills (the first one's sentence names its file), or null. */
export function failureNotice(outcomes: readonly DrillOutcomeView[]): { title: string; body: string } | null {
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  const [first] = failed;
  if (first === undefined) return null;
  const title =
    failed.length === 1
      ? 'A backup failed its restore test'
      : `${formatCount(failed.length, 'backup')} failed their restore test`;
  const more = failed.length > 1 ? ' Open NoteVault to see the others.' : '';
  return { title, body: `${first.message ?? ''}${more}` };
}

/** An outcome with the key error kept in memory for runNow; never sent or stored. */
export type OutcomeWithKeyError = DrillOutcomeView & { keyError?: NoteVaultError };
export type RunWithKeyErrors = Omit<DrillRunView, 'outcomes'> & { outcomes: OutcomeWithKeyError[] };

export function withoutKeyErrors(run: RunWithKeyErrors): DrillRunView {
  return { ...run, outcomes: run.outcomes.map(({ keyError: _keyError, ...outcome }) => outcome) };
}
