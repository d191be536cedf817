/**
 * Error codes shared by the main process, the CLI and the renderer.
 * Errors cross process boundaries as plain `{ code, message, details? }` values (Electron's
 * IPC keeps only an Error's message), so the code is the part programs branch on, the
 * message is the sentence a person reads, and `details` is the technical text (file, byte
 * offset) behind a "Details" disclosure or in the CLI's --json.
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
  'WRONG_RECOVERY_CODE', // the recovery code does not open the backup (made before the code existed, or with another code)
  'KEY_MISMATCH', // a saved key was derived for another backup (other salt or work factors): ask for its passkey
  'BACKUP_DAMAGED', // authenticated decryption failed after the first chunk, or truncation
  'NOT_A_BACKUP', // no NoteVault magic bytes
  'BACKUP_UNSUPPORTED', // a newer backup format version, or KDF limits beyond our caps
  'CANCELLED', // the user cancelled a long operation
  'BUSY', // another backup or restore is already running
  'RATE_LIMITED', // the window sent one kind of request faster than its limit allows
  'INTERNAL', // a bug: nothing the user did
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The most characters of `details` that cross a boundary. Pipeline messages are a few
 * hundred characters; the cap keeps a runaway message (a path in a loop, a huge cause)
 * from filling the window or an IPC reply. Longer details are cut, never refused.
 */
export const MAX_ERROR_DETAILS_CHARS = 4000;

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details?: string;
}

export class NoteVaultError extends Error {
  readonly code: ErrorCode;
  readonly details: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: string }) {
    super(message, options);
    this.name = 'NoteVaultError';
    this.code = code;
    this.details = boundDetails(options?.details);
  }

  toJSON(): SerializedError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Cuts `details` to MAX_ERROR_DETAILS_CHARS; empty becomes undefined. Also for stored details (the backup history). */
export function boundDetails(details: string | undefined): string | undefined {
  if (details === undefined || details === '') return undefined;
  return details.length > MAX_ERROR_DETAILS_CHARS
    ? `${details.slice(0, MAX_ERROR_DETAILS_CHARS - 1)}…`
    : details;
}

/**
 * Checks an error that arrived from another thread or process. Returns the error rebuilt, or
 * undefined when the value is not a SerializedError (unknown code, a non-string message, or
 * details that are not a string within MAX_ERROR_DETAILS_CHARS): the sender is then broken,
 * and the caller reports that rather than showing whatever arrived.
 */
export function parseSerializedError(value: unknown): NoteVaultError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { code, message, details } = value as Record<string, unknown>;
  if (!isErrorCode(code) || typeof message !== 'string') return undefined;
  if (details !== undefined && (typeof details !== 'string' || details.length > MAX_ERROR_DETAILS_CHARS)) {
    return undefined;
  }
  return new NoteVaultError(code, message, { details });
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
