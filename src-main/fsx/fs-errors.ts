/**
 * Turns Node file-system errors into NoteVaultErrors a person can act on: the one errno -> error-code
 * mapping for the whole main process (the file layer, the backup format's reads and writes, the CLI).
 *
 * Which codes count as "locked" depends on the platform. On Windows, EBUSY (sharing or lock violation),
 * EPERM and EACCES (access denied: libuv v1.x says EPERM, newer libuv EACCES) are what another process
 * holding the file produces, and they go away when it lets go. On macOS and Linux EPERM/EACCES mean a
 * real permission problem (file mode, macOS privacy settings) that waiting never fixes, so there they
 * fail at once with a message about permissions instead of three seconds later with one about locks.
 */
import { NoteVaultError } from '../../src-shared/errors';
import { diskFullError } from './disk-full';

/** Codes Windows raises while another program holds the file (see the table in fs-seam.ts). */
export const WINDOWS_LOCK_CODES: readonly string[] = ['EBUSY', 'EPERM', 'EACCES'];
/**
 * On POSIX only EBUSY is plausibly transient (network file systems report it while another client
 * holds the file); retrying it is cheap and harmless.
 */
export const POSIX_LOCK_CODES: readonly string[] = ['EBUSY'];

export function lockCodesFor(platform: NodeJS.Platform): readonly string[] {
  return platform === 'win32' ? WINDOWS_LOCK_CODES : POSIX_LOCK_CODES;
}

/** The `code` Node puts on a system error ('EBUSY', 'ENOENT', ...), if there is one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/**
 * True for errors that carry an errno-style code ('EBUSY', or 'UNKNOWN' for an unmapped Windows error),
 * i.e. came from the file system. Node's argument errors ('ERR_INVALID_ARG_TYPE') are bugs and excluded.
 */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  const code = errorCode(error);
  return error instanceof Error && code !== undefined && (/^E[A-Z0-9]+$/.test(code) || code === 'UNKNOWN');
}

/** The file-system code behind an error, looking through a NoteVaultError to its cause. */
export function underlyingCode(error: unknown): string | undefined {
  return errorCode(error instanceof NoteVaultError ? error.cause : error);
}

export interface LockedDetails {
  operation: string;
  file: string;
  lastError: unknown;
  attempts: number;
  waitedMs: number;
  platform: NodeJS.Platform;
}

export function fileLockedError(details: LockedDetails): NoteVaultError {
  const { operation, file, lastError, attempts, waitedMs, platform } = details;
  const code = errorCode(lastError) ?? 'unknown error';
  const seconds = (waitedMs / 1000).toFixed(1);
  const holders =
    platform === 'win32'
      ? 'NoteVault itself still running (another window or the command-line tool), antivirus software ' +
        'scanning the file, a cloud sync client such as OneDrive or Dropbox, or the Windows Search indexer'
      : 'NoteVault itself still running (another window or the command-line tool), a backup or cloud sync ' +
        'client such as Dropbox, or another computer sharing the folder';
  // A call that was not retried (a read or write on an open handle) has no wait to report.
  const waited = attempts > 1 ? `, still locked after ${attempts} attempts over ${seconds} s` : '';
  return new NoteVaultError(
    'FILE_LOCKED',
    `Could not ${operation} "${file}": another program is using the file ` +
      `(${code}${waited}). ` +
      `It may be held by ${holders}. ` +
      'Close other programs that may be using it, wait for syncing or virus scanning to finish, and try again.',
    { cause: lastError },
  );
}

/**
 * Maps a failure that is not (or no longer) worth retrying. NoteVaultErrors pass through unchanged;
 * errors without an errno code are bugs, not file-system conditions, and pass through too.
 *
 * The platform's lock codes (lockCodesFor) become FILE_LOCKED, as they do when the retry budget runs
 * out: on Windows EPERM/EACCES from open, rename and unlink are what a sharing violation looks like,
 * so telling the person "another program is using the file" is right far more often than "access
 * denied". Elsewhere they are permission problems and become IO.
 */
export function toNoteVaultError(
  error: unknown,
  operation: string,
  file: string,
  platform: NodeJS.Platform = process.platform,
): unknown {
  if (error instanceof NoteVaultError || !isSystemError(error)) return error;
  const code = errorCode(error) ?? 'unknown';
  if (lockCodesFor(platform).includes(code)) {
    return fileLockedError({ operation, file, lastError: error, attempts: 1, waitedMs: 0, platform });
  }
  const what = `Could not ${operation} "${file}"`;
  const io = (explanation: string): NoteVaultError =>
    new NoteVaultError('IO', `${what}: ${explanation}`, { cause: error });
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return diskFullError({ file }, code, error, operation);
    case 'ENOENT':
      return io(
        'the file or folder does not exist (ENOENT). It may have been moved or deleted by another program.',
      );
    case 'EEXIST':
      return io('a file with that name already exists (EEXIST).');
    case 'EACCES':
    case 'EPERM':
      // Windows never gets here: both are lock codes there (above).
      return io(
        `permission denied (${code}). Check that your user account may read and change the file and its folder` +
          (platform === 'darwin'
            ? ' (and, on macOS, System Settings > Privacy & Security > Files and Folders).'
            : '.'),
      );
    case 'EROFS':
      return io('the drive is read-only (EROFS). Choose a folder on a writable drive.');
    case 'EMFILE':
    case 'ENFILE':
      return io(
        `too many files are open (${code}). Close some programs or restart NoteVault, then try again.`,
      );
    case 'ENAMETOOLONG':
      return io(
        'the path is too long for the file system (ENAMETOOLONG). Choose a folder with a shorter path.',
      );
    case 'ENOTDIR':
      return io('a part of the path is a file, not a folder (ENOTDIR).');
    case 'EISDIR':
      return io('it is a folder, not a file (EISDIR).');
    case 'EIO':
      return io(
        'the drive reported a read or write failure (EIO). The drive may be failing or was disconnected.',
      );
    default:
      return io(`${error.message} (${code}).`);
  }
}
