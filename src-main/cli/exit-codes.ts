import type { ErrorCode } from '../../src-shared/errors';

/**
 * The process exit codes of `notevault`. Scripts branch on these, so a code never changes
 * meaning once released; new situations get new numbers.
 */
export const EXIT_CODES = {
  success: 0,
  /** Anything not covered below, including bugs. */
  failure: 1,
  /** The command line itself was wrong: unknown command or option, missing argument. */
  usage: 2,
  wrongPasskey: 3,
  /** The file is damaged, is not what it claims to be, or comes from a newer NoteVault. */
  damaged: 4,
  /** A file is locked by another program, or reading/writing it failed. Often worth a retry. */
  fileAccess: 5,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** One line per code for `--help`, in numeric order. */
export const EXIT_CODE_DESCRIPTIONS: readonly (readonly [ExitCode, string])[] = [
  [EXIT_CODES.success, 'success'],
  [EXIT_CODES.failure, 'failure not covered below'],
  [EXIT_CODES.usage, 'usage error: unknown command or option, missing or extra argument'],
  [EXIT_CODES.wrongPasskey, 'wrong passkey or recovery code'],
  [EXIT_CODES.damaged, 'damaged file, not a NoteVault file, or a version this NoteVault cannot read'],
  [EXIT_CODES.fileAccess, 'file locked by another program, disk full, or another read/write failure'],
];

// A Record over ErrorCode, not a switch with a default: adding a code to errors.ts
// without deciding its exit code is then a compile error.
const EXIT_CODE_BY_ERROR: Record<ErrorCode, ExitCode> = {
  VALIDATION: EXIT_CODES.failure,
  NOT_FOUND: EXIT_CODES.failure,
  DB_NEWER_SCHEMA: EXIT_CODES.damaged,
  DB_FOREIGN: EXIT_CODES.damaged,
  DB_NOT_SQLITE: EXIT_CODES.damaged,
  DB_CORRUPT: EXIT_CODES.damaged,
  FILE_LOCKED: EXIT_CODES.fileAccess,
  DISK_FULL: EXIT_CODES.fileAccess,
  IO: EXIT_CODES.fileAccess,
  WRONG_PASSKEY: EXIT_CODES.wrongPasskey,
  WRONG_RECOVERY_CODE: EXIT_CODES.wrongPasskey,
  KEY_MISMATCH: EXIT_CODES.wrongPasskey,
  BACKUP_DAMAGED: EXIT_CODES.damaged,
  NOT_A_BACKUP: EXIT_CODES.damaged,
  BACKUP_UNSUPPORTED: EXIT_CODES.damaged,
  CANCELLED: EXIT_CODES.failure,
  BUSY: EXIT_CODES.failure,
  RATE_LIMITED: EXIT_CODES.failure,
  INTERNAL: EXIT_CODES.failure,
};

export function exitCodeForError(code: ErrorCode): ExitCode {
  return EXIT_CODE_BY_ERROR[code];
}
