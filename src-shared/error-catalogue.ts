import type { ErrorCode } from './errors';

/**
 * The one wording of what a failed backup job says to a person: what happened and what to
 * do, in one sentence, then what stayed as it was. The window (through main's
 * explain-backup-error.ts) and the CLI's one-line messages both read it, so the two never
 * drift. The pipeline's own text (file, byte offset, chunk) goes to `details`, never here.
 */
export type ErrorOperation = 'backup' | 'preview' | 'restore' | 'verify' | 'browse' | 'inspect';

/**
 * What a failure of each operation leaves as it was. Each promise rests on the pipeline:
 * a backup is written to a temp file and only published when complete, and every refusal of
 * a backup (passkey, damage, version) happens before the live database is released
 * (docs/backup-pipeline.md). Verify, browse and inspect only read, so they promise nothing
 * (saying "nothing was changed" after a read-only check would be noise).
 */
export const NOTHING_CHANGED: Record<ErrorOperation, string | undefined> = {
  backup: 'No backup file was left behind.',
  preview: 'Nothing was changed.',
  restore: 'Your current notes were not changed.',
  verify: undefined,
  browse: undefined,
  inspect: undefined,
};

// The codes whose failures mean nothing was written; INTERNAL is a bug, so it promises nothing.
type ExplainedCode = Extract<
  ErrorCode,
  | 'WRONG_PASSKEY'
  | 'WRONG_RECOVERY_CODE'
  | 'KEY_MISMATCH'
  | 'BACKUP_DAMAGED'
  | 'NOT_A_BACKUP'
  | 'BACKUP_UNSUPPORTED'
  | 'DISK_FULL'
  | 'FILE_LOCKED'
  | 'CANCELLED'
  | 'BUSY'
  | 'INTERNAL'
>;

const SENTENCES: Record<ExplainedCode, (operation: ErrorOperation) => string> = {
  WRONG_PASSKEY: (operation) =>
    operation === 'backup'
      ? 'That is not the passkey your backups use: type that one (capital letters count), or change it with Change passkey in Settings.'
      : 'That passkey does not open this backup: check it (capital letters count) and try again.',
  WRONG_RECOVERY_CODE: () =>
    'That recovery code does not open this backup (it may be older than the code): use its passkey, or another recovery code you kept.',
  KEY_MISMATCH: () =>
    "This computer's key for scheduled backups does not open this backup: enter the passkey it was made with.",
  BACKUP_DAMAGED: (operation) =>
    operation === 'backup'
      ? 'The new backup did not pass its check: try again, or choose another backup folder.'
      : operation === 'verify'
        ? 'This backup file is damaged: make a new backup, so you have one that can be restored.'
        : 'This backup file is damaged and cannot be read: choose another backup.',
  NOT_A_BACKUP: () => 'This file is not a NoteVault backup: choose a .nvbak file made by NoteVault.',
  BACKUP_UNSUPPORTED: () => 'This backup was made by a newer NoteVault: update NoteVault, then try again.',
  DISK_FULL: () =>
    'There is not enough free disk space: free some space or choose another folder, then try again.',
  FILE_LOCKED: () =>
    'Another program (often antivirus or a sync tool) is using a file NoteVault needs: wait a moment and try again.',
  CANCELLED: (operation) => `The ${OPERATION_NAMES[operation]} was cancelled.`,
  BUSY: () => 'Another backup, restore or check is still running: wait for it to finish, then try again.',
  INTERNAL: (operation) =>
    `Something went wrong inside NoteVault during the ${OPERATION_NAMES[operation]}: try again, and report it if it keeps happening.`,
};

const OPERATION_NAMES: Record<ErrorOperation, string> = {
  backup: 'backup',
  preview: 'preview of the backup',
  restore: 'restore',
  verify: 'check of the backup',
  browse: 'opening of the backup',
  inspect: 'inspection of the backup',
};

/**
 * The message for a failed `operation` with `code`: the catalogue's sentence plus what was
 * left unchanged, or undefined for codes whose own message is already the plain sentence
 * (IO and VALIDATION name the path or field to fix, NOT_FOUND the missing item).
 */
export function plainErrorMessage(code: ErrorCode, operation: ErrorOperation): string | undefined {
  if (!(code in SENTENCES)) return undefined;
  const sentence = SENTENCES[code as ExplainedCode](operation);
  const unchanged = code === 'INTERNAL' || code === 'BUSY' ? undefined : NOTHING_CHANGED[operation];
  return unchanged === undefined ? sentence : `${sentence} ${unchanged}`;
}
