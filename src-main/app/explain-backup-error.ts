import { plainErrorMessage } from '../../src-shared/error-catalogue';
import type { ErrorOperation } from '../../src-shared/error-catalogue';
import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';

export type BackupOperation = ErrorOperation;

// Problems found inside a backup's database are the backup's problem when reading one.
const INSIDE_BACKUP: Partial<Record<ErrorCode, ErrorCode>> = {
  DB_CORRUPT: 'BACKUP_DAMAGED',
  DB_FOREIGN: 'NOT_A_BACKUP',
  DB_NOT_SQLITE: 'BACKUP_DAMAGED',
  DB_NEWER_SCHEMA: 'BACKUP_UNSUPPORTED',
};

/**
 * Turns a job's error into what the window and the CLI say: the catalogue's sentence
 * (src-shared/error-catalogue.ts) as the message, and the pipeline's own text, which names
 * the file and the byte offset, as `details`. Codes the catalogue leaves alone (IO,
 * VALIDATION, NOT_FOUND) keep their message, which already names what to fix.
 */
export function explainBackupError(operation: BackupOperation, error: unknown): NoteVaultError {
  if (!(error instanceof NoteVaultError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return new NoteVaultError('INTERNAL', plainErrorMessage('INTERNAL', operation) ?? detail, {
      cause: error,
      details: detail,
    });
  }
  const reading = operation !== 'backup';
  const insideBackup = reading && /\bthe backup\b/i.test(error.message);
  const code = (insideBackup ? INSIDE_BACKUP[error.code] : undefined) ?? error.code;
  const message = plainErrorMessage(code, operation);
  if (message === undefined) return error;
  // An error explained once already keeps its technical text rather than nesting the sentence.
  return new NoteVaultError(code, message, { cause: error, details: error.details ?? error.message });
}
