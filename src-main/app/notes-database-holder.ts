import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { claimDatabase } from '../db/database-owner';
import type { DatabaseClaim } from '../db/database-owner';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { NoteVersionsRepository } from '../db/note-versions-repository';
import type { NoteVersionsOptions } from '../db/note-versions-repository';

/**
 * The main process's one connection to the live notes database. A restore asks for it
 * to be released (closed with the WAL checkpointed, so the worker can replace the
 * content through SQLite) and reopened afterwards; requests arriving in between get a
 * clear BUSY error instead of a closed-connection crash.
 */
export class NotesDatabaseHolder {
  private db: Database.Database | undefined;
  private notes: NotesRepository | undefined;
  private noteVersions: NoteVersionsRepository | undefined;
  private claim: DatabaseClaim | undefined;

  constructor(
    readonly databasePath: string,
    private readonly nativeBinding?: string,
    /** The history's clock and cap (app-services.ts passes the settings' cap). */
    private readonly history: NoteVersionsOptions = {},
  ) {}

  /**
   * Records the app as the database's user for as long as it runs (database-owner.ts), so a
   * command-line restore refuses while the app is open; refused with FILE_LOCKED while the
   * command-line tool is restoring it.
   */
  claimForApp(): void {
    this.claim ??= claimDatabase(this.databasePath, 'app', this.nativeBinding);
  }

  /** Opens (creating and migrating) the database; a no-op when already open. */
  open(): void {
    if (this.db) return;
    const db = openNotesDatabase(this.databasePath, { nativeBinding: this.nativeBinding });
    this.db = db;
    this.notes = new NotesRepository(db);
    this.noteVersions = new NoteVersionsRepository(db, this.notes, this.history);
  }

  isOpen(): boolean {
    return this.db !== undefined;
  }

  repository(): NotesRepository {
    if (!this.notes) throw replacing();
    return this.notes;
  }

  /** The connection itself, for work that spans repositories in one transaction (undoing an import). */
  connection(): Database.Database {
    if (!this.db) throw replacing();
    return this.db;
  }

  /** The notes' history, over the same connection; saves from the editor go through it. */
  versions(): NoteVersionsRepository {
    if (!this.noteVersions) throw replacing();
    return this.noteVersions;
  }

  /**
   * Closes the connection explicitly: nothing is left for the garbage collector to release.
   * The app's claim stays (a restore closes and reopens); `dispose` gives it up too.
   */
  close(): void {
    const db = this.db;
    this.db = undefined;
    this.notes = undefined;
    this.noteVersions = undefined;
    if (db) closeNotesDatabase(db);
  }

  /** For good: closes the connection and gives up the app's claim. */
  dispose(): void {
    try {
      this.close();
    } finally {
      this.claim?.release();
      this.claim = undefined;
    }
  }
}

function replacing(): NoteVaultError {
  return new NoteVaultError(
    'BUSY',
    'Your notes are being replaced by a restore. Wait for it to finish, then try again.',
  );
}
