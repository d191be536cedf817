import type Database from 'better-sqlite3';
import { isBlankNote } from '../../src-shared/blank-note';
import { NoteVaultError } from '../../src-shared/errors';
import type { NoteVersion, NoteVersionSummary, VersionReason } from '../../src-shared/note-versions';
import { HISTORY_LIMITS } from '../../src-shared/note-versions';
import { HISTORY_CAP_LIMITS } from '../../src-shared/settings';
import type { Note, NotePatch, Page } from '../../src-shared/notes';
import { relinkAttachments } from './attachment-links';
import { guarded, immediateWrite, readClock } from './repository-steps';
import { parseNoteId } from './note-validation';
import type { NotesRepository } from './notes-repository';
import { fail } from './validation-helpers';
import { versionsToThin } from './version-thinning';

/** While typing, the text a save replaces is kept at most this often per note. */
export const EDIT_VERSION_INTERVAL_MS = 5 * 60 * 1000;
/** Besides the note just saved, thinning visits this many others per kept version, in turn. */
export const THIN_OTHER_NOTES_PER_KEEP = 2;
/** At most this many of the oldest versions are deleted per kept version while past the cap. */
export const CAP_DELETES_PER_KEEP = 100;
/** The remembered total is counted again from the table after this many kept versions. */
export const RECOUNT_EVERY_KEEPS = 100;

export interface NoteVersionsOptions {
  clock?: () => number;
  /** The cap on all kept versions together, in bytes; read at every kept version (a setting). */
  maxBytes?: () => number;
}

/** What an event that replaces a note's text is about to write. */
export interface NextText {
  title: string;
  body: string;
}

interface NoteState {
  seq: number;
  title: string;
  body: string;
  trashed_at: number | null;
}

interface SummaryRow {
  seq: number;
  saved_at: number;
  reason: VersionReason;
  size: number;
  title: string;
}

const SUMMARY_COLUMNS = 'seq, saved_at, reason, size, title';

/**
 * A note's history: the text a change replaces, kept as a version. Saves while typing keep one
 * at most every EDIT_VERSION_INTERVAL_MS per note (the first save after a pause keeps the text
 * as it was); restoring a version, bringing a note back from a backup and an import keep one
 * every time they change the note. After each kept version the history is thinned
 * (version-thinning.ts) with bounded work: that note, a couple of others in turn, and at most
 * CAP_DELETES_PER_KEEP of the oldest versions while all of them together are past the cap.
 * A version refers to attachments as its text does; a kept one only repeats links its note
 * already had, and a deleted one has its note relinked (attachment-links.ts).
 * Versions go with their note when it is deleted for good (ON DELETE CASCADE).
 */
export class NoteVersionsRepository {
  private readonly clock: () => number;
  private readonly maxBytes: () => number;
  private readonly s: ReturnType<typeof prepare>;
  /** The last note thinning visited in turn; it goes round all notes with versions. */
  private thinCursor = 0;
  /**
   * Bytes of all versions, as this repository last counted and since changed them: a SUM over
   * 100,000 versions takes ~10 ms, too long for every kept version. Deleting a note forever
   * takes its versions unseen (the cascade), so the count only ever overstates what is there:
   * it is counted again before anything is deleted for the cap, and every RECOUNT_EVERY_KEEPS.
   */
  private knownBytes: number | null = null;
  private keepsSinceCount = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly notes: NotesRepository,
    options: NoteVersionsOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.maxBytes = options.maxBytes ?? (() => HISTORY_CAP_LIMITS.default * 1024 * 1024);
    this.s = this.guard(() => prepare(db));
  }

  /**
   * notes.update, keeping the text it replaces as an 'edit' version when the note's newest
   * version is EDIT_VERSION_INTERVAL_MS old or more (or it has none). Pinning alone, a blank
   * note and a trashed one (which update refuses) keep nothing.
   */
  update(id: string, patch: NotePatch): Note {
    const noteId = parseNoteId(id);
    let kept: number | null = null;
    const note = this.write(() => {
      const current = this.s.noteById.get(noteId);
      if (current && current.trashed_at === null && this.editKeeps(current, patch)) {
        kept = this.insert(current, 'edit');
      }
      return this.notes.update(noteId, patch);
    });
    if (kept !== null) this.afterKeep(kept);
    return note;
  }

  /**
   * Keeps note `id`'s current text as a version with `reason`, when `next` differs from it:
   * call it just before something replaces the text, as a bring-back does. (Import only ever adds
   * notes, so it keeps none; a whole-database restore keeps its own in replaced-notes.ts.) Null
   * when nothing was kept.
   */
  keepBefore(id: string, reason: Exclude<VersionReason, 'edit'>, next: NextText): NoteVersionSummary | null {
    const noteId = parseNoteId(id);
    const seq = this.write(() => {
      const current = this.require(noteId);
      if (current.title === next.title && current.body === next.body) return null;
      return this.insert(current, reason);
    });
    if (seq === null) return null;
    this.afterKeep(seq);
    return this.summary(seq);
  }

  /** A page of note `id`'s versions, newest first, without their bodies. */
  list(id: string, options: { offset?: number; limit?: number } = {}): Page<NoteVersionSummary> {
    const noteId = parseNoteId(id);
    const offset = options.offset ?? 0;
    const limit = options.limit ?? HISTORY_LIMITS.pageSize;
    if (!Number.isSafeInteger(offset) || offset < 0)
      fail(`offset must be a whole number from 0 (got ${offset}).`);
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > HISTORY_LIMITS.pageMaxSize)
      fail(`limit must be a whole number from 1 to ${HISTORY_LIMITS.pageMaxSize} (got ${limit}).`);
    return this.guard(() =>
      this.db.transaction(() => {
        const note = this.require(noteId);
        return {
          items: this.s.page.all(note.seq, limit, offset).map(toSummary),
          total: this.s.countOf.get(note.seq) ?? 0,
          offset,
          limit,
        };
      })(),
    );
  }

  /** One version of note `id`, body included. */
  get(id: string, versionSeq: number): NoteVersion {
    const noteId = parseNoteId(id);
    return this.guard(() => this.requireVersion(this.require(noteId).seq, versionSeq));
  }

  /**
   * Puts version `versionSeq`'s text back into note `id`, after keeping the current text as a
   * 'before-version-restore' version (always, even when nothing changes: the person sees the
   * step at the top of the history and can undo it by restoring that one). A trashed note is
   * refused, as notes.update refuses it.
   */
  restore(id: string, versionSeq: number): { note: Note; kept: NoteVersionSummary } {
    const noteId = parseNoteId(id);
    const { note, kept } = this.write(() => {
      const current = this.require(noteId);
      const version = this.requireVersion(current.seq, versionSeq);
      if (current.trashed_at !== null)
        fail('This note is in the trash; restore the note first, then one of its versions.');
      const keptSeq = this.insert(current, 'before-version-restore');
      const restored =
        current.title === version.title && current.body === version.body
          ? this.notes.get(noteId)
          : this.notes.update(noteId, { title: version.title, body: version.body });
      return { note: restored, kept: keptSeq };
    });
    this.afterKeep(kept);
    return { note, kept: this.summary(kept) };
  }

  /** Bytes of all kept versions together (what the cap limits). */
  totalBytes(): number {
    return this.guard(() => this.s.totalSize.get() ?? 0);
  }

  private editKeeps(current: NoteState, patch: NotePatch): boolean {
    const title = patch.title ?? current.title;
    const body = patch.body ?? current.body;
    if (title === current.title && body === current.body) return false;
    if (isBlankNote(current)) return false;
    const newest = this.s.newestSavedAt.get(current.seq) ?? null;
    if (newest === null) return true;
    const since = this.now() - newest;
    // A clock set back (since < 0) must not stop history for as long as it was set back.
    return since < 0 || since >= EDIT_VERSION_INTERVAL_MS;
  }

  private insert(note: NoteState, reason: VersionReason): number {
    const size = Buffer.byteLength(note.title, 'utf8') + Buffer.byteLength(note.body, 'utf8');
    const result = this.s.insert.run(note.seq, note.title, note.body, this.now(), size, reason);
    if (this.knownBytes !== null) this.knownBytes += size;
    return Number(result.lastInsertRowid);
  }

  /**
   * Thinning and the cap, after a version was kept: bounded work, in its own short transaction,
   * so a save never waits on the whole history. The version just kept is never deleted here.
   */
  private afterKeep(keptSeq: number): void {
    this.write(() => {
      const touched = new Set<number>();
      const noteSeq = this.s.noteOfVersion.get(keptSeq);
      if (noteSeq !== undefined) this.thin(noteSeq, touched);
      for (const other of this.nextNotesInTurn()) if (other !== noteSeq) this.thin(other, touched);
      this.enforceCap(keptSeq, touched);
      // A version keeps the attachments it refers to (attachment-links.ts): once it is gone,
      // its note's links are rebuilt from what is left, in the same transaction.
      for (const noteSeq of touched) relinkAttachments(this.db, noteSeq);
    });
  }

  private thin(noteSeq: number, touched: Set<number>): void {
    const versions = this.s.timesOf.all(noteSeq);
    const doomed = new Set(versionsToThin(versions, this.now()));
    for (const version of versions) {
      if (!doomed.has(version.seq)) continue;
      this.s.deleteVersion.run(version.seq);
      if (this.knownBytes !== null) this.knownBytes -= version.size;
    }
    if (doomed.size > 0) touched.add(noteSeq);
  }

  private nextNotesInTurn(): number[] {
    let seqs = this.s.notesAfter.all(this.thinCursor, THIN_OTHER_NOTES_PER_KEEP);
    if (seqs.length < THIN_OTHER_NOTES_PER_KEEP && this.thinCursor > 0) {
      seqs = [...seqs, ...this.s.notesAfter.all(0, THIN_OTHER_NOTES_PER_KEEP - seqs.length)];
    }
    this.thinCursor = seqs.at(-1) ?? 0;
    return [...new Set(seqs)];
  }

  /** Past the cap, the oldest versions go first (of any note). */
  private enforceCap(protectedSeq: number, touched: Set<number>): void {
    const cap = this.maxBytes();
    this.keepsSinceCount += 1;
    if (this.knownBytes === null || this.keepsSinceCount >= RECOUNT_EVERY_KEEPS) this.recount();
    if ((this.knownBytes ?? 0) <= cap) return;
    // Past the cap by the remembered count: count again, as notes deleted since took theirs.
    let total = this.recount();
    if (total <= cap) return;
    for (const oldest of this.s.oldest.all(CAP_DELETES_PER_KEEP)) {
      if (total <= cap) break;
      if (oldest.seq === protectedSeq) continue;
      this.s.deleteVersion.run(oldest.seq);
      total -= oldest.size;
      touched.add(oldest.note_seq);
    }
    this.knownBytes = total;
  }

  private recount(): number {
    this.keepsSinceCount = 0;
    this.knownBytes = this.s.totalSize.get() ?? 0;
    return this.knownBytes;
  }

  private summary(seq: number): NoteVersionSummary {
    const row = this.s.summaryBySeq.get(seq);
    if (!row) throw new NoteVaultError('INTERNAL', `Version ${seq} was kept but cannot be read back.`);
    return toSummary(row);
  }

  private require(noteId: string): NoteState {
    const note = this.s.noteById.get(noteId);
    if (!note) {
      throw new NoteVaultError('NOT_FOUND', 'This note no longer exists; it may have been deleted.');
    }
    return note;
  }

  private requireVersion(noteSeq: number, versionSeq: number): NoteVersion {
    if (!Number.isSafeInteger(versionSeq) || versionSeq < 1)
      fail(`A version is named by a whole number from 1 (got ${versionSeq}).`);
    const row = this.s.version.get(versionSeq, noteSeq);
    if (!row) {
      throw new NoteVaultError(
        'NOT_FOUND',
        'That version is no longer kept (older history is thinned over time). Open the history again.',
      );
    }
    return { ...toSummary(row), body: row.body };
  }

  private now(): number {
    return readClock(this.clock);
  }

  private write<T>(step: () => T): T {
    return immediateWrite(this.db, step);
  }

  private guard<T>(step: () => T): T {
    return guarded(this.db, step);
  }
}

function prepare(db: Database.Database) {
  return {
    noteById: db.prepare<[string], NoteState>('SELECT seq, title, body, trashed_at FROM notes WHERE id = ?'),
    newestSavedAt: db
      .prepare<[number], number | null>('SELECT max(saved_at) FROM note_versions WHERE note_seq = ?')
      .pluck(),
    insert: db.prepare<[number, string, string, number, number, VersionReason]>(
      `INSERT INTO note_versions (note_seq, title, body, saved_at, size, reason) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    page: db.prepare<[number, number, number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM note_versions WHERE note_seq = ?
       ORDER BY saved_at DESC, seq DESC LIMIT ? OFFSET ?`,
    ),
    countOf: db.prepare<[number], number>('SELECT count(*) FROM note_versions WHERE note_seq = ?').pluck(),
    summaryBySeq: db.prepare<[number], SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM note_versions WHERE seq = ?`,
    ),
    version: db.prepare<[number, number], SummaryRow & { body: string }>(
      `SELECT ${SUMMARY_COLUMNS}, body FROM note_versions WHERE seq = ? AND note_seq = ?`,
    ),
    noteOfVersion: db.prepare<[number], number>('SELECT note_seq FROM note_versions WHERE seq = ?').pluck(),
    timesOf: db.prepare<[number], { seq: number; savedAt: number; size: number }>(
      'SELECT seq, saved_at AS savedAt, size FROM note_versions WHERE note_seq = ?',
    ),
    notesAfter: db
      .prepare<[number, number], number>(
        'SELECT DISTINCT note_seq FROM note_versions WHERE note_seq > ? ORDER BY note_seq LIMIT ?',
      )
      .pluck(),
    totalSize: db.prepare<[], number>('SELECT coalesce(sum(size), 0) FROM note_versions').pluck(),
    oldest: db.prepare<[number], { seq: number; note_seq: number; size: number }>(
      'SELECT seq, note_seq, size FROM note_versions ORDER BY saved_at, seq LIMIT ?',
    ),
    deleteVersion: db.prepare<[number]>('DELETE FROM note_versions WHERE seq = ?'),
  };
}

function toSummary(row: SummaryRow): NoteVersionSummary {
  return { seq: row.seq, savedAt: row.saved_at, reason: row.reason, size: row.size, title: row.title };
}
