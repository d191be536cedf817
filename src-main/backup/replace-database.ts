import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { toNoteVaultError } from '../db/database-errors';
import { openNotesDatabase } from '../db/open-database';
import { unlinkIfExists } from '../fsx/retry';
import { limitPageCache } from './page-cache';
import { progressTotal, quoteName, rebuildUserData } from './rebuild-user-data';
import { REPLACED_NOTES_TABLE, keepReplacedNotes, setAsideReplacedNotes } from './replaced-notes';
import type { JobControls } from './progress';
import { report } from './progress';

/**
 * The live notes database, write-locked from before the safety backup until the backup's
 * notes are committed in place (see docs/backup-pipeline.md, "Restore").
 *
 * Why one transaction from start to end: the safety backup must hold every note the restore
 * replaces. Taking SQLite's write lock (BEGIN IMMEDIATE) before the safety snapshot means no
 * other connection (the app, the command-line tool, anything else) can commit between the
 * snapshot and the replacement: a writer that arrives meanwhile waits within its busy timeout
 * or fails with FILE_LOCKED, and never commits into a gap the safety backup misses. Readers,
 * the safety snapshot among them, still see the last committed state (WAL).
 *
 * Why rows and not pages: the backup's notes, tags, attachments and kept versions are rebuilt
 * inside that same transaction into a schema made by NoteVault's own migrations, copying only
 * the tables and columns NoteVault knows (rebuildUserData). The
 * backup's tables, indexes and triggers are never adopted, and the commit is atomic: a crash
 * or a cancellation at any point before it leaves the old notes, exactly.
 */
export class LiveDatabaseHold {
  private committed = false;
  /**
   * Notes in the live database when the lock was taken: what the safety backup must keep.
   * Counted under the lock, so notes another program saved before it are never missed.
   */
  notesBefore = 0;

  private constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly createdHere: boolean,
  ) {}

  /** Opens (creating and migrating it on a new machine) and takes the write lock. */
  static async take(livePath: string, nativeBinding?: string): Promise<LiveDatabaseHold> {
    const createdHere = !existsSync(livePath);
    let db: Database.Database;
    try {
      db = openNotesDatabase(livePath, { nativeBinding });
    } catch (cause) {
      throw writerInTheWay(cause, livePath);
    }
    const hold = new LiveDatabaseHold(db, livePath, createdHere);
    try {
      // The checkpoint after the commit is ours to run and to report (emptyLog()).
      db.pragma('wal_autocheckpoint = 0');
      // SQLite's scratch data stays off the system temp folder, whose drive is not checked.
      db.pragma('temp_store = MEMORY');
      limitPageCache(db);
      db.exec('BEGIN IMMEDIATE');
      hold.notesBefore = db.prepare('SELECT count(*) FROM notes').pluck().get() as number;
    } catch (cause) {
      await hold.close();
      throw writerInTheWay(cause, livePath);
    }
    return hold;
  }

  /**
   * Replaces every note with those of `source` (a checked backup) and commits. Returns the
   * number of notes now in the database and how many of them kept the text the restore replaced
   * as a 'before-restore' version (replaced-notes.ts). Before the commit, any failure rolls
   * back: nothing is changed.
   */
  async replaceWith(
    source: Database.Database,
    controls: JobControls,
    clock: () => number = Date.now,
  ): Promise<{ restoredNotes: number; keptInHistory: number }> {
    const { db } = this;
    const cancelled = 'The restore was cancelled before your notes were replaced.';
    try {
      await setAsideReplacedNotes(db, controls.signal, cancelled);
      dropSchema(db, REPLACED_NOTES_TABLE);
      db.pragma('user_version = 0');
      const { noteCount: restored } = await rebuildUserData(source, db, controls, {
        label: this.path,
        phase: 'replacing',
        cancelled,
      });
      const keptInHistory = keepReplacedNotes(db, clock());
      db.exec('COMMIT');
      this.committed = true;
      // Only now is the replacing done: a progress report of 100% means the notes are in.
      const total = progressTotal(source);
      report(controls, 'replacing', total, total);
      return { restoredNotes: restored, keptInHistory };
    } catch (cause) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw replaceFailure(cause, this.path);
    }
  }

  /**
   * After the commit: moves the new pages from the -wal into the database file and empties
   * the -wal, so a restore leaves no log the size of the database behind. Returns the bytes
   * still in the -wal when another program kept reading the database past the busy timeout
   * (SQLite empties it once that program lets go). A failure here loses nothing, since SQLite
   * finishes the move the next time the database opens, but the notes were already replaced,
   * and the error says so: `replaced` describes that, e.g. "Your notes were replaced by ...".
   */
  emptyLog(replaced: string): number {
    let busy: number;
    try {
      [{ busy }] = this.db.pragma('wal_checkpoint(TRUNCATE)') as [{ busy: number }];
    } catch (cause) {
      const error = toNoteVaultError(cause, this.path);
      const why =
        error.code === 'DISK_FULL'
          ? `the drive holding ${dirname(this.path)} is full`
          : `of this: ${(cause as Error).message}`;
      throw new NoteVaultError(
        error.code,
        `${replaced}, but moving them from ${this.path}-wal into ${this.path} failed because ${why}; ` +
          'they are safe, and NoteVault finishes the move the next time it opens the database.',
        { cause },
      );
    }
    return busy === 0 ? 0 : (statSync(`${this.path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  }

  /**
   * Lets go of the database; idempotent. Before the commit that rolls back, and a database
   * this hold created on a new machine, still without notes, is removed again.
   */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.db.close();
    if (!this.committed && this.createdHere && this.notesBefore === 0) {
      for (const suffix of ['', '-wal', '-shm']) await unlinkIfExists(`${this.path}${suffix}`);
    }
  }
}

/**
 * Every table, view and virtual table of the live schema but `keep` (the replaced notes set
 * aside); indexes and triggers go with them.
 * With foreign keys on, DROP TABLE first deletes the table's rows, which fails while another
 * table still refers to it, so a table goes only once no table left refers to it.
 */
function dropSchema(db: Database.Database, keep: string): void {
  const entries = db
    .prepare(
      "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('view', 'virtual', 'table') " +
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .all() as { name: string; type: 'view' | 'virtual' | 'table' }[];
  for (const { name } of entries.filter((entry) => entry.type === 'view'))
    db.exec(`DROP VIEW ${quoteName(name)}`);
  for (const { name } of entries.filter((entry) => entry.type === 'virtual'))
    db.exec(`DROP TABLE ${quoteName(name)}`);
  const tables = new Set(
    entries.filter((entry) => entry.type === 'table' && entry.name !== keep).map((entry) => entry.name),
  );
  const referencedBy = (table: string): string[] =>
    db.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[];
  while (tables.size > 0) {
    const referenced = new Set(
      [...tables].flatMap((table) => referencedBy(table).filter((to) => to !== table)),
    );
    const free = [...tables].filter((table) => !referenced.has(table));
    // A cycle of references cannot come from NoteVault's migrations; drop what is left as it is.
    for (const table of free.length > 0 ? free : [...tables]) {
      db.exec(`DROP TABLE ${quoteName(table)}`);
      tables.delete(table);
    }
  }
}

function writerInTheWay(cause: unknown, livePath: string): NoteVaultError {
  const error = toNoteVaultError(cause, livePath);
  if (error.code !== 'FILE_LOCKED') return error;
  return new NoteVaultError(
    'FILE_LOCKED',
    `Another program kept writing to your notes database ${livePath}, so the restore did not start and nothing ` +
      'was changed. Quit NoteVault and the notevault command-line tool, then try again.',
    { cause },
  );
}

/** What a failure before the commit means for a person: nothing changed, and why. */
function replaceFailure(cause: unknown, livePath: string): NoteVaultError {
  if (cause instanceof NoteVaultError) return cause;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_FULL')) {
    return new NoteVaultError(
      'DISK_FULL',
      `The drive of ${dirname(livePath)} filled up while the restored notes were written into ${livePath}, so ` +
        'nothing was changed. Free some space on that drive and try again.',
      { cause },
    );
  }
  const error = toNoteVaultError(cause, livePath);
  return new NoteVaultError(error.code, `${error.message} Nothing was changed.`, { cause });
}
