import { dirname } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../db/database-errors';
import { retryingFs } from '../fsx/retry';
import { notesDigest } from './notes-database-checks';
import { limitPageCache } from './page-cache';
import type { JobControls } from './progress';
import { report } from './progress';

/** Pages copied per step: 1 MiB at SQLite's default 4 KiB pages, then the event loop breathes. */
export const PAGES_PER_STEP = 256;
/** How long a restore waits for another connection (the app, the CLI) to let go of the database. */
export const LOCK_WAIT_MS = 5000;

export type ReplaceControls = JobControls & { nativeBinding?: string };

/**
 * Replaces the content of the live database with `source` through SQLite's online backup API,
 * never by renaming files (see docs/backup-pipeline.md for why). The destination connection
 * holds one write transaction from the first page to the last, and SQLite's rollback journal
 * or WAL makes its commit atomic: a crash or a cancellation at any point leaves the old
 * content, and only the final commit makes the new content visible. A new machine gets the
 * file created; on failure better-sqlite3 removes the file it created.
 */
export async function replaceDatabaseContent(
  source: Database.Database,
  livePath: string,
  controls: ReplaceControls = {},
): Promise<void> {
  const expected = notesDigest(source);
  const pageSize = source.pragma('page_size', { simple: true }) as number;
  await retryingFs(controls.fileLayer?.fs, controls.fileLayer?.retry).mkdir(dirname(livePath), {
    recursive: true,
  });
  leaveWalIfPageSizeDiffers(livePath, pageSize, controls.nativeBinding);
  await copyPages(source, livePath, pageSize, controls);

  const live = connect(livePath, controls.nativeBinding);
  let actual: ReturnType<typeof notesDigest>;
  try {
    actual = notesDigest(live);
  } finally {
    live.close();
  }
  if (actual.sha256 !== expected.sha256 || actual.noteCount !== expected.noteCount) {
    throw new NoteVaultError(
      'INTERNAL',
      `Replacing the notes in ${livePath} did not take effect (it holds ${actual.noteCount} notes, the backup ` +
        `${expected.noteCount}). Your notes are as they were before or as in the backup; the safety backup has the previous state.`,
    );
  }
}

async function copyPages(
  source: Database.Database,
  livePath: string,
  pageSize: number,
  controls: ReplaceControls,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    let lastRemaining = -1;
    let lastMoved = Date.now();
    let result: Database.BackupMetadata;
    try {
      result = await source.backup(livePath, {
        progress: ({ totalPages, remainingPages }) => {
          // Throwing here makes better-sqlite3 finish the backup early, which rolls back the
          // destination's open write transaction: the old content stays.
          if (controls.signal?.aborted) {
            throw new NoteVaultError(
              'CANCELLED',
              'The restore was cancelled before your notes were replaced.',
            );
          }
          const now = Date.now();
          if (remainingPages !== lastRemaining) {
            lastRemaining = remainingPages;
            lastMoved = now;
          } else if (now - lastMoved > LOCK_WAIT_MS) {
            throw lockedError(livePath);
          }
          report(controls, 'replacing', (totalPages - remainingPages) * pageSize, totalPages * pageSize);
          return PAGES_PER_STEP;
        },
      });
    } catch (cause) {
      throw toNoteVaultError(cause, livePath);
    }
    // better-sqlite3 reports a destination that was locked at the very first step as a
    // finished backup of 0 pages without copying anything; a real database has >= 1 page.
    if (result.totalPages > 0) {
      report(controls, 'replacing', result.totalPages * pageSize, result.totalPages * pageSize);
      return;
    }
    if (Date.now() - started > LOCK_WAIT_MS) throw lockedError(livePath);
    await delay(100);
  }
}

/**
 * A WAL-mode destination cannot change its page size, and SQLite refuses such a backup with
 * SQLITE_READONLY. Only then is the live database switched to the rollback journal first (an
 * atomic change of its own); openNotesDatabase switches it back to WAL afterwards.
 */
function leaveWalIfPageSizeDiffers(livePath: string, pageSize: number, nativeBinding?: string): void {
  let live: Database.Database;
  try {
    live = new Database(livePath, { fileMustExist: true, timeout: LOCK_WAIT_MS, nativeBinding });
  } catch {
    return; // no live database yet: the backup creates it with the source's page size
  }
  try {
    const walMode = live.pragma('journal_mode', { simple: true }) === 'wal';
    if (walMode && live.pragma('page_size', { simple: true }) !== pageSize) {
      live.pragma('journal_mode = DELETE');
    }
  } catch (cause) {
    throw toNoteVaultError(cause, livePath);
  } finally {
    live.close();
  }
}

function connect(path: string, nativeBinding?: string): Database.Database {
  try {
    const db = new Database(path, { fileMustExist: true, timeout: LOCK_WAIT_MS, nativeBinding });
    limitPageCache(db);
    return db;
  } catch (cause) {
    throw toNoteVaultError(cause, path);
  }
}

function lockedError(path: string): NoteVaultError {
  return new NoteVaultError(
    'FILE_LOCKED',
    `Could not replace the notes in ${path}: another program kept the database locked for more than ` +
      `${LOCK_WAIT_MS / 1000} s. Close other NoteVault windows and the notevault command-line tool, then try again. ` +
      'Nothing was changed.',
  );
}
