import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';

/**
 * Turns anything thrown while touching a database file (a better-sqlite3 SqliteError, a
 * Node fs error, or our own NoteVaultError) into a NoteVaultError a person can act on.
 * A NoteVaultError passes through unchanged so callers can wrap whole blocks without
 * losing a more specific message raised inside.
 */
export function toNoteVaultError(err: unknown, file: string): NoteVaultError {
  if (err instanceof NoteVaultError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const code = errorCodeOf(err);
  const make = (nvCode: ErrorCode, message: string) => new NoteVaultError(nvCode, message, { cause: err });

  if (code !== undefined) {
    // better-sqlite3 reports extended result codes ('SQLITE_IOERR_SHORT_READ',
    // 'SQLITE_BUSY_SNAPSHOT'); the primary code before the second underscore decides.
    const primary = /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
    switch (primary) {
      case 'SQLITE_NOTADB':
        return make(
          'DB_NOT_SQLITE',
          `${file} is not a SQLite database, so NoteVault cannot open it as notes.`,
        );
      case 'SQLITE_CORRUPT':
        return make(
          'DB_CORRUPT',
          `The notes database ${file} is damaged (${detail}). Restore it from a backup.`,
        );
      case 'SQLITE_BUSY':
      case 'SQLITE_LOCKED':
      case 'EBUSY':
      case 'ETXTBSY':
        return make(
          'FILE_LOCKED',
          `${file} is in use by another program (${detail}). Close other NoteVault windows or tools using the file and try again.`,
        );
      case 'SQLITE_FULL':
      case 'ENOSPC':
      case 'EDQUOT':
        return make(
          'DISK_FULL',
          `There is not enough free disk space to write ${file}. Free some space and try again.`,
        );
      case 'SQLITE_CANTOPEN':
      case 'SQLITE_IOERR':
      case 'SQLITE_READONLY':
      case 'SQLITE_PERM':
      case 'SQLITE_NOLFS':
      case 'SQLITE_AUTH':
        return make('IO', ioMessage(file, detail));
    }
    if (isNodeSystemError(err)) return make('IO', ioMessage(file, detail));
  }
  // better-sqlite3 checks the folder itself and throws a plain TypeError without a code.
  if (err instanceof TypeError && /directory does not exist/i.test(detail)) {
    return make('IO', ioMessage(file, 'the folder does not exist'));
  }
  return make(
    'INTERNAL',
    `Unexpected database error on ${file}: ${detail}. This is a bug in NoteVault; please report it.`,
  );
}

function ioMessage(file: string, detail: string): string {
  return `Could not read or write ${file} (${detail}). Check that the folder exists and that NoteVault is allowed to write there.`;
}

function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/** Node fs errors carry an errno code like 'ENOENT' or 'EACCES' plus a syscall name. */
function isNodeSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err && typeof err.syscall === 'string';
}
