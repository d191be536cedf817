import { NoteVaultError } from '../../src-shared/errors';
import type { ErrorCode } from '../../src-shared/errors';
import { diskFullError, isDiskFullCode } from '../fsx/disk-full';
import { toNoteVaultError as fileSystemError } from '../fsx/fs-errors';
import type { WrittenFile } from '../fsx/disk-full';

/**
 * Turns anything thrown while touching a database file (a better-sqlite3 SqliteError, a
 * Node fs error, or our own NoteVaultError) into a NoteVaultError a person can act on.
 * A NoteVaultError passes through unchanged so callers can wrap whole blocks without
 * losing a more specific message raised inside.
 *
 * `written` is the file the statement writes when that is not `file`: VACUUM INTO reads the
 * live database and writes a copy elsewhere, so a full disk is the copy's drive. Without it a
 * full disk is reported for `file`.
 */
export function toNoteVaultError(err: unknown, file: string, written?: WrittenFile): NoteVaultError {
  if (err instanceof NoteVaultError) return err;
  const detail = err instanceof Error ? err.message : String(err);
  const code = errorCodeOf(err);
  const make = (nvCode: ErrorCode, message: string) => new NoteVaultError(nvCode, message, { cause: err });

  if (code !== undefined) {
    const primary = primaryCode(code);
    if (isDiskFullCode(primary)) return diskFullError(written ?? { file }, primary, err);
    // Node's own file errors (copying, renaming, statting the file) follow the file layer's rules.
    if (isNodeSystemError(err)) {
      const mapped = fileSystemError(err, 'read or write', file);
      if (mapped instanceof NoteVaultError) return mapped;
    }
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
        return make(
          'FILE_LOCKED',
          `${file} is in use by another program (${detail}). Close other NoteVault windows or tools using the file and try again.`,
        );
      case 'SQLITE_CANTOPEN':
      case 'SQLITE_IOERR':
      case 'SQLITE_READONLY':
      case 'SQLITE_PERM':
      case 'SQLITE_NOLFS':
      case 'SQLITE_AUTH':
        return make('IO', ioMessage(file, detail));
    }
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

/** True when `err` says the drive ran out of room (SQLITE_FULL, ENOSPC, EDQUOT). */
export function isDiskFull(err: unknown): boolean {
  const code = errorCodeOf(err);
  return code !== undefined && isDiskFullCode(primaryCode(code));
}

// better-sqlite3 reports extended result codes ('SQLITE_IOERR_SHORT_READ',
// 'SQLITE_BUSY_SNAPSHOT'); the primary code before the second underscore decides.
function primaryCode(code: string): string {
  return /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
}

function errorCodeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}

/** Node fs errors carry an errno code like 'ENOENT' or 'EACCES' plus a syscall name. */
function isNodeSystemError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'syscall' in err && typeof err.syscall === 'string';
}
