/**
 * The one wording for "the drive ran out of room while writing a file", whether Node reported it
 * (ENOSPC, EDQUOT) or SQLite did (SQLITE_FULL). It names the file that was being written and the
 * folder whose drive is full, because that is what the person has to free space on: a backup
 * writes to the temp folder, the backup folder and the database's folder, often on different
 * drives, and naming the wrong one sends them to clean up the wrong drive. Figures are added where
 * the caller knows them; the up-front check (free-space.ts) words its own refusal, before anything
 * was written.
 */
import { dirname } from 'node:path';
import { NoteVaultError } from '../../src-shared/errors';
import { formatBytes } from '../../src-shared/format';

/** Codes that mean the drive (or the user's quota on it) has no room left. */
const DISK_FULL_CODES: readonly string[] = ['ENOSPC', 'EDQUOT', 'SQLITE_FULL'];

export function isDiskFullCode(code: string | undefined): boolean {
  return code !== undefined && DISK_FULL_CODES.includes(code);
}

/** The file being written when the drive filled up, and what is known about the room. */
export interface WrittenFile {
  /** The file (or folder) being written. */
  file: string;
  /** What it is, for a person: "the temporary copy of your notes". */
  what?: string;
  /** The folder to name as the one whose drive is full; default the file's own folder. */
  folder?: string;
  /** Bytes the job expected to write there, when known. */
  neededBytes?: number;
  /** Bytes free on that drive when the failure was reported, when known. */
  availableBytes?: number;
}

export function diskFullError(
  written: WrittenFile,
  code: string,
  cause: unknown,
  operation = 'write',
): NoteVaultError {
  const { file, what, neededBytes, availableBytes } = written;
  const folder = written.folder ?? dirname(file);
  const subject = what === undefined ? `"${file}"` : `${what} "${file}"`;
  const figures = [
    neededBytes === undefined ? undefined : `it needed about ${formatBytes(neededBytes)}`,
    availableBytes === undefined ? undefined : `${formatBytes(availableBytes)} was free when it ran out`,
  ].filter((part) => part !== undefined);
  const known = figures.length === 0 ? '' : `; ${figures.join(' and ')}`;
  const message =
    code === 'EDQUOT'
      ? `Could not ${operation} ${subject}: your disk quota on the drive that holds "${folder}" is used up ` +
        `(EDQUOT)${known}. Delete some files or ask your administrator for more space.`
      : `Could not ${operation} ${subject}: the drive is full (${code})${known}. Free up space on the drive ` +
        `that holds "${folder}" or choose a folder on another drive, then try again.`;
  return new NoteVaultError('DISK_FULL', message, { cause });
}
