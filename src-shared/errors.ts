/**
 * Error codes shared by the main process, the CLI and the renderer.
 * Errors cross process boundaries as plain `{ code, message }` values (Electron's IPC
 * keeps only an Error's message), so the code is the part programs branch on and the
 * message is the part a person reads.
 */
export const ERROR_CODES = [
  'VALIDATION', // a caller passed a value that breaks a documented limit
  'NOT_FOUND', // no note with that id
  'DB_NEWER_SCHEMA', // the database was written by a newer NoteVault
  'DB_FOREIGN', // the file is SQLite but not a NoteVault database
  'DB_NOT_SQLITE', // the file is not a SQLite database at all
  'DB_CORRUPT', // SQLite reports damage
  'FILE_LOCKED', // another program holds the file (Windows sharing violation, antivirus)
  'DISK_FULL', // not enough free space
  'IO', // any other file-system failure
  'WRONG_PASSKEY', // the key derived from the passkey does not open the backup
  'BACKUP_DAMAGED', // authenticated decryption failed after the first chunk, or truncation
  'NOT_A_BACKUP', // no NoteVault magic bytes
  'BACKUP_UNSUPPORTED', // a newer backup format version, or KDF limits beyond our caps
  'CANCELLED', // the user cancelled a long operation
  'BUSY', // another backup or restore is already running
  'INTERNAL', // a bug: nothing the user did
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface SerializedError {
  code: ErrorCode;
  message: string;
}

export class NoteVaultError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NoteVaultError';
    this.code = code;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
