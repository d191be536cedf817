import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import type { ListNotesOptions, NewNote, Note, NotePatch, Page, SearchHit } from '../../src-shared/notes';
import { toNoteVaultError } from './database-errors';
import { guarded, immediateWrite, readClock } from './repository-steps';
import { countSql, prepareListStatements } from './note-list-queries';
import { NOTE_COLUMNS, rowToNote } from './note-row';
import type { NoteRow } from './note-row';
import { NoteSearch } from './note-search';
import { TagsRepository } from './tags-repository';
import {
  parseCountOptions,
  parseListOptions,
  parseNewNote,
  parseNoteId,
  parseNotePatch,
} from './note-validation';
import { fail } from './validation-helpers';
import { isBlankNote } from '../../src-shared/blank-note';
import { hashesOf, relinkAttachments, removeUnreferencedAttachments } from './attachment-links';
import { AttachmentsRepository } from './attachments-repository';

export interface SearchOptions {
  /** Only notes carrying every one of these tags, as the list's filter (note-list-queries.ts). */
  tags?: string[];
  limit?: number;
  offset?: number;
  includeTrashed?: boolean;
}

/**
 * Every read and write of notes. Arguments are validated at runtime because the IPC layer
 * passes renderer data straight through. Decisions worth knowing:
 * - A trashed note is read-only: update() refuses it until it is restored, so the trash
 *   never hides edits.
 * - trash() and restore() do not change updatedAt (they are not edits) and are no-ops
 *   when the note is already where it should be.
 * - purge() deletes only notes already in the trash, so one call can never destroy a live
 *   note; emptyTrash() purges them all. The one exception, discardEmpty(), deletes a live
 *   note only when it holds no text, so there is nothing in it to lose.
 * - update() bumps updatedAt only when a field actually changes, so an autosave of
 *   unchanged text does not reorder the list.
 * - Saving keeps note_attachments in step with the text, and deleting notes for good removes
 *   the attachments no note refers to any more (attachment-links.ts).
 */
export class NotesRepository {
  private readonly insertNote: Database.Statement<[Record<string, unknown>]>;
  private readonly selectById: Database.Statement<[string], NoteRow>;
  private readonly updateContent: Database.Statement<[Record<string, unknown>]>;
  private readonly setTrashedAt: Database.Statement<[number | null, string]>;
  private readonly deleteTrashedById: Database.Statement<[string]>;
  private readonly deleteAllTrashed: Database.Statement<[]>;
  private readonly deleteLiveById: Database.Statement<[string]>;
  private readonly selectSeqById: Database.Statement<[string], number>;
  private readonly countLive: Database.Statement<[], number>;
  private readonly countTrashed: Database.Statement<[], number>;
  private readonly listStatement: ReturnType<typeof prepareListStatements>;
  private readonly countTagged: Record<'live' | 'trashed', Database.Statement<[{ tags: string }], number>>;
  private readonly noteSearch: NoteSearch;
  /** The tags of notes, over the same connection (tags-repository.ts). */
  readonly tags: TagsRepository;
  /** The attachments notes refer to, over the same connection (attachments-repository.ts). */
  readonly attachments: AttachmentsRepository;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    try {
      this.insertNote = db.prepare(
        `INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at)
         VALUES (@id, @title, @body, @pinned, @createdAt, @updatedAt, NULL)`,
      );
      this.selectById = db.prepare(`SELECT ${NOTE_COLUMNS} FROM notes WHERE id = ?`);
      this.updateContent = db.prepare(
        'UPDATE notes SET title = @title, body = @body, pinned = @pinned, updated_at = @updatedAt WHERE id = @id',
      );
      this.setTrashedAt = db.prepare('UPDATE notes SET trashed_at = ? WHERE id = ?');
      this.deleteTrashedById = db.prepare('DELETE FROM notes WHERE id = ? AND trashed_at IS NOT NULL');
      this.deleteAllTrashed = db.prepare('DELETE FROM notes WHERE trashed_at IS NOT NULL');
      this.deleteLiveById = db.prepare('DELETE FROM notes WHERE id = ? AND trashed_at IS NULL');
      this.selectSeqById = db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck();
      this.countLive = db.prepare<[], number>(countSql(false)).pluck();
      this.countTrashed = db.prepare<[], number>(countSql(true)).pluck();
      this.listStatement = prepareListStatements(db);
      this.countTagged = {
        live: db.prepare<[{ tags: string }], number>(countSql(false, true)).pluck(),
        trashed: db.prepare<[{ tags: string }], number>(countSql(true, true)).pluck(),
      };
      this.noteSearch = new NoteSearch(db);
      this.tags = new TagsRepository(db);
      this.attachments = new AttachmentsRepository(db, clock);
    } catch (err) {
      throw toNoteVaultError(err, db.name);
    }
  }

  create(input: NewNote): Note {
    const valid = parseNewNote(input);
    const now = this.now();
    // Importers may pass either timestamp alone; the other follows so the pair stays ordered.
    const createdAt = valid.createdAt ?? valid.updatedAt ?? now;
    const updatedAt = valid.updatedAt ?? (valid.createdAt !== undefined ? createdAt : now);
    if (updatedAt < createdAt)
      fail(`updatedAt (${updatedAt}) must not be earlier than createdAt (${createdAt}).`);
    const note: Note = { id: randomUUID(), ...valid, createdAt, updatedAt, trashedAt: null };
    this.write(() => {
      const { lastInsertRowid } = this.insertNote.run({ ...note, pinned: note.pinned ? 1 : 0 });
      if (hashesOf(note).length > 0) relinkAttachments(this.db, Number(lastInsertRowid));
    });
    return note;
  }

  update(id: string, patch: NotePatch): Note {
    const noteId = parseNoteId(id);
    const changes = parseNotePatch(patch);
    return this.write(() => {
      const current = this.require(noteId);
      if (current.trashedAt !== null) {
        fail(`Note ${quoteId(noteId)} is in the trash and cannot be edited; restore it first.`);
      }
      const next: Note = { ...current, ...changes };
      if (next.title === current.title && next.body === current.body && next.pinned === current.pinned) {
        return current;
      }
      next.updatedAt = this.now();
      this.updateContent.run({ ...next, pinned: next.pinned ? 1 : 0 });
      // Relinking reads the note's versions too: only when the text names other attachments.
      if (hashesOf(next).join() !== hashesOf(current).join()) this.relinkAttachments(noteId);
      return next;
    });
  }

  /** Returns live and trashed notes alike; NOT_FOUND when no note has this id. */
  get(id: string): Note {
    const noteId = parseNoteId(id);
    return this.guard(() => this.require(noteId));
  }

  /**
   * Pinned notes first, then the requested order; live notes unless `trashed: true`; only the
   * notes carrying every tag of `tags` when given (see note-list-queries.ts).
   */
  list(options?: ListNotesOptions): Page<Note> {
    const { trashed, sort, direction, tags, limit, offset } = parseListOptions(options);
    const tagged = tags.length > 0;
    const statement = this.listStatement(trashed, sort, direction, tagged);
    const filter = { tags: JSON.stringify(tags) };
    // One read transaction, so total and items describe the same moment.
    return this.guard(() =>
      this.db.transaction(() => ({
        items: statement.all(tagged ? { limit, offset, ...filter } : { limit, offset }).map(rowToNote),
        total: tagged
          ? (this.countTagged[trashed ? 'trashed' : 'live'].get(filter) ?? 0)
          : this.countOf(trashed),
        offset,
        limit,
      }))(),
    );
  }

  /** Ranked full-text search; see NoteSearch and toFtsMatchExpression for the query rules. */
  search(query: string, options?: SearchOptions): SearchHit[] {
    return this.guard(() => this.noteSearch.search(query, options));
  }

  trash(id: string): Note {
    const noteId = parseNoteId(id);
    return this.write(() => {
      const current = this.require(noteId);
      if (current.trashedAt !== null) return current;
      const trashedAt = this.now();
      this.setTrashedAt.run(trashedAt, noteId);
      return { ...current, trashedAt };
    });
  }

  restore(id: string): Note {
    const noteId = parseNoteId(id);
    return this.write(() => {
      const current = this.require(noteId);
      if (current.trashedAt === null) return current;
      this.setTrashedAt.run(null, noteId);
      return { ...current, trashedAt: null };
    });
  }

  /** Deletes a trashed note for good. A live note must be trashed first. */
  purge(id: string): void {
    const noteId = parseNoteId(id);
    this.write(() => {
      const current = this.require(noteId);
      if (current.trashedAt === null) {
        fail(
          `Note ${quoteId(noteId)} is not in the trash; move it to the trash before deleting it for good.`,
        );
      }
      this.deleteTrashedById.run(noteId);
      removeUnreferencedAttachments(this.db);
    });
  }

  /**
   * Deletes a live note whose title and body are blank (isBlankNote), as the editor does when a
   * new note typed in and emptied again is left. The emptiness is read here, not taken from the
   * caller. False, deleting nothing: the note holds text, is in the trash, or is already gone.
   */
  discardEmpty(id: string): boolean {
    const noteId = parseNoteId(id);
    return this.write(() => {
      const row = this.selectById.get(noteId);
      if (!row) return false;
      const current = rowToNote(row);
      if (current.trashedAt !== null || !isBlankNote(current)) return false;
      return this.deleteLiveById.run(noteId).changes === 1;
    });
  }

  /**
   * Deletes every trashed note for good and returns how many there were; the attachments no
   * note refers to any more go with them (attachment-links.ts).
   */
  emptyTrash(): number {
    return this.write(() => {
      const removed = this.deleteAllTrashed.run().changes;
      removeUnreferencedAttachments(this.db);
      return removed;
    });
  }

  count(options?: { trashed?: boolean }): number {
    const { trashed } = parseCountOptions(options);
    return this.guard(() => this.countOf(trashed));
  }

  private relinkAttachments(id: string): void {
    const seq = this.selectSeqById.get(id);
    if (seq !== undefined) relinkAttachments(this.db, seq);
  }

  private countOf(trashed: boolean): number {
    return (trashed ? this.countTrashed : this.countLive).get() ?? 0;
  }

  private require(id: string): Note {
    const row = this.selectById.get(id);
    if (row === undefined) {
      throw new NoteVaultError(
        'NOT_FOUND',
        `No note with id ${quoteId(id)} exists; it may have been deleted.`,
      );
    }
    return rowToNote(row);
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

function quoteId(id: string): string {
  return JSON.stringify(id.length > 80 ? `${id.slice(0, 80)}…` : id);
}
