import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';

export type BackupOperation = 'backup' | 'preview' | 'restore';

const NOTHING_CHANGED: Record<BackupOperation, string> = {
  backup: 'No backup file was left behind.',
  preview: 'Nothing was changed.',
  restore: 'Your current notes were not changed.',
};

// Problems found inside a backup's database are the backup's problem when reading one.
const INSIDE_BACKUP: Partial<Record<ErrorCode, ErrorCode>> = {
  DB_CORRUPT: 'BACKUP_DAMAGED',
  DB_FOREIGN: 'NOT_A_BACKUP',
  DB_NOT_SQLITE: 'BACKUP_DAMAGED',
  DB_NEWER_SCHEMA: 'BACKUP_UNSUPPORTED',
};

/**
 * Turns a job's error into what the window says: a first sentence naming what happened and
 * what to do, then the pipeline's own detail (which names the file and the byte offset). The
 * pipeline's guarantees are what make "nothing was changed" true: every refusal of a backup
 * happens before the live database is released (docs/backup-pipeline.md).
 */
export function explainBackupError(operation: BackupOperation, error: unknown): NoteVaultError {
  if (!(error instanceof NoteVaultError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new NoteVaultError('INTERNAL', `The ${operation} failed unexpectedly: ${detail}`, {
      cause: error,
    });
  }
  const reading = operation !== 'backup';
  const insideBackup = reading && /\bthe backup\b/i.test(error.message);
  const code = (insideBackup ? INSIDE_BACKUP[error.code] : undefined) ?? error.code;
  const lead = leadSentence(operation, code);
  if (lead === undefined) return error;
  return new NoteVaultError(code, `${lead} ${error.message}`, { cause: error });
}

function leadSentence(operation: BackupOperation, code: ErrorCode): string | undefined {
  const unchanged = NOTHING_CHANGED[operation];
  switch (code) {
    case 'WRONG_PASSKEY':
      return `That passkey does not open this backup. ${unchanged} Check the passkey (it is case-sensitive) and try again.`;
    case 'BACKUP_DAMAGED':
      return `This backup file is damaged and cannot be restored. ${unchanged} Choose another backup.`;
    case 'NOT_A_BACKUP':
      return `This file is not a NoteVault backup. ${unchanged} Choose a .nvbak file made by NoteVault.`;
    case 'BACKUP_UNSUPPORTED':
      return `This backup was made by a newer NoteVault. ${unchanged} Update NoteVault, then try again.`;
    case 'DISK_FULL':
      return `There is not enough free disk space. ${unchanged} Free some space or choose another folder, then try again.`;
    case 'FILE_LOCKED':
      return `Another program is using a file NoteVault needs (often antivirus or a sync tool). ${unchanged} Wait a moment and try again.`;
    case 'CANCELLED':
      return `The ${operation} was cancelled. ${unchanged}`;
    case 'BUSY':
      return 'Another backup, restore or check is still running. Wait for it to finish, then try again.';
    default:
      return undefined;
  }
}
