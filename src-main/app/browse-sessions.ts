import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import type { BringBackResult, BrowseSessionInfo } from '../../src-shared/ipc/contract-schedule';
import { openPlaintextDatabase } from '../backup/notes-database-checks';
import { forgetKeySource } from '../backup/passkey-or-key';
import type { KeySource } from '../backup/passkey-or-key';
import { NotesRepository } from '../db/notes-repository';
import { bringAttachments, bringTags } from './bring-back-along';
import type { NoteVersionsRepository } from '../db/note-versions-repository';
import { createPrivateTempDir } from '../fsx/private-temp';
import { secureWipeDirectory } from '../fsx/secure-wipe';
import type { BackupsListService } from './backups-list-service';
import { explainBackupError } from './explain-backup-error';
import type { JobGate } from './job-gate';

export interface BrowseSessionsDeps {
  backups: Pick<BackupsListService, 'resolve' | 'keySource'>;
  jobs: JobGate;
  /** Parent of the private temp folder (os.tmpdir() in the app), which the start-up sweep covers. */
  tempParent: string;
  nativeBinding?: string;
  /** The live notes, where brought-back notes go. */
  currentNotes: () => NotesRepository;
  /** Their history: a note replaced by its backup's copy keeps its text as a version first. */
  currentVersions?: () => Pick<NoteVersionsRepository, 'keepBefore'>;
  onNotesChanged: (ids: string[]) => void;
}

interface Session {
  id: string;
  name: string;
  dir: string;
  db: Database.Database;
  notes: NotesRepository;
}

/**
 * Browsing one backup without restoring it. The job worker decrypts and checks the backup;
 * its database then lives here, read only, as an in-memory copy or (too large for memory) a
 * file in a private temp folder. That folder is wiped when browsing ends, when another
 * backup is opened, and when the app quits; if the app dies, the start-up sweep wipes it
 * (its name starts with notevault-tmp-). One session at a time: a person browses one backup.
 */
export class BrowseSessions {
  private session: Session | undefined;

  constructor(private readonly deps: BrowseSessionsDeps) {}

  /** With the passkey or the recovery code typed, or else this device's key (scheduled backups made here). */
  async open(name: string, passkey?: string, recoveryCode?: string): Promise<BrowseSessionInfo> {
    const file = await this.deps.backups.resolve(name);
    const keySource = await this.deps.backups.keySource({ passkey, recoveryCode }, 'open this backup');
    try {
      return await this.openWith(name, file, keySource);
    } finally {
      forgetKeySource(keySource);
    }
  }

  private async openWith(name: string, file: string, keySource: KeySource): Promise<BrowseSessionInfo> {
    await this.closeAll();
    const dir = await createPrivateTempDir(this.deps.tempParent, 'browse');
    let db: Database.Database | undefined;
    try {
      const copy = await this.deps.jobs.run({
        kind: 'browse',
        request: { file, keySource, tempDir: dir, nativeBinding: this.deps.nativeBinding },
      });
      const source = copy.image
        ? Buffer.from(copy.image.buffer, copy.image.byteOffset, copy.image.byteLength)
        : copy.path;
      if (source === null) throw new NoteVaultError('INTERNAL', 'The backup copy to browse came back empty.');
      db = openPlaintextDatabase(source, { nativeBinding: this.deps.nativeBinding });
      if (Buffer.isBuffer(source)) source.fill(0); // SQLite holds its own copy now.
      // No migration here: the worker rebuilt the notes with NoteVault's own, up to the latest.
      db.pragma('query_only = ON');
      const session: Session = { id: randomUUID(), name, dir, db, notes: new NotesRepository(db) };
      this.session = session;
      return { sessionId: session.id, name, noteCount: copy.noteCount, createdAt: copy.createdAt };
    } catch (error) {
      db?.close();
      await secureWipeDirectory(dir).catch(() => undefined);
      throw explainBackupError('browse', error);
    }
  }

  notes(sessionId: string): NotesRepository {
    return this.require(sessionId).notes;
  }

  /**
   * Copies notes of the backup into the current notes: as new notes, or over the note with the
   * same id; each with the attachments its text refers to and its tags (bring-back-along.ts).
   */
  bringBack(sessionId: string, ids: readonly string[], mode: 'as-new' | 'replace'): BringBackResult {
    const source = this.require(sessionId).notes;
    const notes = ids.map((id) => source.get(id));
    const current = this.deps.currentNotes();
    const result: BringBackResult = { ids: [], created: 0, replaced: 0 };
    let attachmentsLeftOut = 0;
    let tagsLeftOut = 0;
    for (const note of notes) {
      const content = { title: note.title, body: note.body, pinned: note.pinned };
      // Before the note is written, so its save links it to them.
      attachmentsLeftOut += bringAttachments(source, current, `${note.title}\n${note.body}`);
      let id: string;
      if (mode === 'replace' && exists(current, note.id)) {
        this.deps.currentVersions?.().keepBefore(note.id, 'before-bring-back', content);
        const existing = current.update(note.id, content);
        if (existing.trashedAt !== null) current.restore(note.id);
        id = note.id;
        result.replaced += 1;
      } else {
        id = current.create(content).id;
        result.created += 1;
      }
      result.ids.push(id);
      tagsLeftOut += bringTags(source, current, note.id, id);
    }
    // Said only when something was left out, so the usual answer stays as it was.
    if (attachmentsLeftOut > 0) result.attachmentsLeftOut = attachmentsLeftOut;
    if (tagsLeftOut > 0) result.tagsLeftOut = tagsLeftOut;
    this.deps.onNotesChanged(result.ids);
    return result;
  }

  /** Ends browsing; a stale or unknown id is not an error (the session is gone either way). */
  async close(sessionId: string): Promise<void> {
    if (this.session?.id === sessionId) await this.closeAll();
  }

  async closeAll(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    session.db.close();
    await secureWipeDirectory(session.dir);
  }

  private require(sessionId: string): Session {
    if (this.session?.id !== sessionId) {
      throw new NoteVaultError(
        'NOT_FOUND',
        'This backup is no longer open for browsing (another backup was opened, or it was closed). Open it again.',
      );
    }
    return this.session;
  }
}

function exists(notes: NotesRepository, id: string): boolean {
  try {
    notes.get(id);
    return true;
  } catch (error) {
    if (error instanceof NoteVaultError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
