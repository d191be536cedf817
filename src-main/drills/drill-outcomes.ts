/**
 * How a drill's error reads: a verdict on the backup (kept in the catalogue, notified), or a
 * drill that could not be tried (reported only), and the notification for a run's failures.
 */
import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';
import { formatCount } from '../../src-shared/format';
import type { DrillOutcomeView, DrillRunView } from '../../src-shared/ipc/contract-drills';

/**
 * Errors that are a verdict on the backup's contents: damaged, changed since written (the drill
 * says so as BACKUP_DAMAGED), not a NoteVault backup, or a database inside that is not a sound
 * NoteVault one. Not here: IO (a drive pulled mid-drill, a refused temp folder), DB_NEWER_SCHEMA
 * and BACKUP_UNSUPPORTED (this NoteVault is too old for it, the file is fine): a drill that could
 * not be tried is tried again later, never marks a good backup as failed. A file that is gone is
 * told apart in main (isGone), since a worker's error carries no errno.
 */
export const PAYLOAD_VERDICTS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BACKUP_DAMAGED',
  'NOT_A_BACKUP',
  'DB_CORRUPT',
  'DB_FOREIGN',
  'DB_NOT_SQLITE',
]);
/** The typed passkey or code did not open it: the window asks again. */
export const KEY_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'WRONG_PASSKEY',
  'WRONG_RECOVERY_CODE',
  'KEY_MISMATCH',
]);

/** A backup present when the run picked it, gone (ENOENT) from its still reachable folder since. */
export function goneMessage(name: string, folder: string): string {
  return `The backup "${name}" disappeared from "${folder}" during its restore test: if you did not delete it, make a new backup now.`;
}

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
