/**
 * Who may read what NoteVault keeps on disk (issue #13): on Linux and macOS every file it
 * creates is 0600 and every folder 0700, whatever the umask, so another local user reads none
 * of it. On Windows the modes mean nothing and the profile's ACLs already keep others out.
 *
 * SQLite gives a database's -wal, -shm and -journal the main file's mode, so creating the main
 * file 0600 before SQLite opens it is enough for all of them (SQLite alone would create 0644).
 */
import { closeSync, constants, fchmodSync, fstatSync, lstatSync, openSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { errorCode, toNoteVaultError } from './fs-errors';
import { currentUid, sameEntry } from './no-follow';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Bits that let anyone but the owner in. */
const OTHERS = 0o077;

/**
 * Creates `file` empty with PRIVATE_FILE_MODE unless something exists there; returns whether it
 * did. An existing entry, a link included, is left alone without opening it (O_EXCL): closing
 * any descriptor on a file drops every POSIX lock this process holds on it, SQLite's among them.
 */
export function createPrivateFileSync(file: string): boolean {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw toNoteVaultError(error, 'create', file);
  }
}

/**
 * Takes group and other permissions off an existing file or folder NoteVault made before it
 * created them private (older versions). Only the current user's own entries are changed, a
 * link is never followed, and anything else (missing, another type, another owner) is left as
 * it is; returns whether it changed the mode.
 *
 * A descriptor is opened only when the mode needs changing, and closing it drops this process's
 * POSIX locks on the file: call this at start-up, before this process opens the file with SQLite.
 */
export function tightenPrivateSync(
  path: string,
  kind: 'file' | 'folder',
  platform: NodeJS.Platform = process.platform,
): boolean {
  const uid = currentUid(platform);
  if (uid === undefined) return false;
  const seen = lstatIfExists(path);
  if (seen === undefined || !isKind(seen, kind) || seen.uid !== uid || (seen.mode & OTHERS) === 0) {
    return false;
  }
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_DIRECTORY } = constants;
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the lstat must not hang the start.
    fd = openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | (kind === 'folder' ? O_DIRECTORY : 0));
  } catch (error) {
    // Gone, swapped for a link (ELOOP) or for another type since the lstat: nothing of ours to tighten.
    if (['ENOENT', 'ELOOP', 'ENOTDIR', 'EACCES'].includes(errorCode(error) ?? '')) return false;
    throw toNoteVaultError(error, 'open', path);
  }
  try {
    const opened = fstatSync(fd);
    if (!sameEntry(seen, opened) || opened.uid !== uid) return false;
    fchmodSync(fd, opened.mode & 0o700);
    return true;
  } catch (error) {
    throw toNoteVaultError(error, 'change the permissions of', path);
  } finally {
    closeSync(fd);
  }
}

function lstatIfExists(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw toNoteVaultError(error, 'read', path);
  }
}

function isKind(stats: Stats, kind: 'file' | 'folder'): boolean {
  return kind === 'file' ? stats.isFile() : stats.isDirectory();
}
