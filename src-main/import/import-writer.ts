import type Database from 'better-sqlite3';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import { NoteVaultError } from '../../src-shared/errors';
import { MAX_TIMESTAMP } from '../../src-shared/note-rules';
import { NotesRepository } from '../db/notes-repository';
import { attachmentSizeProblem, IMPORT_LIMITS } from './import-limits';
import type { ImportedNote, SkippedItem } from './imported-note';
import { InterimAttachmentStore } from './interim-attachment-store';
import { InterimTagStore, tidyTagName } from './interim-tag-store';

export type WriteResult =
  | { kind: 'written'; id: string; tags: string[]; attachments: string[]; skipped: SkippedItem[] }
  | { kind: 'refused'; reason: string };

/**
 * The one writer of imported notes: every source's notes go through here, so what a note may
 * hold is checked once. It only ever adds: a new note with its tags and attachments; no existing
 * note, tag or attachment is changed (an existing tag or identical attachment is reused). The
 * caller owns the transaction.
 */
export class ImportWriter {
  private readonly notes: NotesRepository;
  private readonly tags: InterimTagStore;
  private readonly attachments: InterimAttachmentStore;
  private readonly seqOf: Database.Statement<[string], number>;

  constructor(
    db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    this.notes = new NotesRepository(db, clock);
    this.tags = new InterimTagStore(db);
    this.attachments = new InterimAttachmentStore(db);
    this.seqOf = db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck();
  }

  write(note: ImportedNote, item: string): WriteResult {
    const skipped: SkippedItem[] = [];
    const { createdAt, updatedAt } = orderedTimes(note.createdAt, note.updatedAt);
    let id: string;
    try {
      id = this.notes.create({
        title: note.title,
        body: note.body,
        pinned: note.pinned,
        createdAt,
        updatedAt,
      }).id;
    } catch (error) {
      // The repository refuses text it cannot store (a reserved control character, too long):
      // that is about this note, not the import.
      if (error instanceof NoteVaultError && error.code === 'VALIDATION')
        return { kind: 'refused', reason: error.message };
      throw error;
    }
    const seq = this.seqOf.get(id);
    if (seq === undefined)
      throw new NoteVaultError('INTERNAL', `The imported note ${id} was not found again.`);

    const tags = this.writeTags(seq, note.tags, item, skipped);
    const attachments = this.writeAttachments(seq, note, item, skipped);
    return { kind: 'written', id, tags, attachments, skipped };
  }

  private writeTags(seq: number, raw: readonly string[], item: string, skipped: SkippedItem[]): string[] {
    const names = new Map<string, string>();
    for (const tag of raw) {
      const name = tidyTagName(tag);
      if (name === null) {
        if (tag.trim() !== '')
          skipped.push({
            item: `${item}: tag "${tag.slice(0, 80)}"`,
            reason: 'the tag name is longer than 200 characters',
          });
        continue;
      }
      // Case-insensitive, as the tags table compares names.
      if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
    const kept = [...names.values()];
    if (kept.length > IMPORT_LIMITS.maxTagsPerNote) {
      skipped.push({
        item: `${item}: ${kept.length - IMPORT_LIMITS.maxTagsPerNote} tags`,
        reason: `a note keeps at most ${IMPORT_LIMITS.maxTagsPerNote} tags; the first ${IMPORT_LIMITS.maxTagsPerNote} were kept`,
      });
      kept.length = IMPORT_LIMITS.maxTagsPerNote;
    }
    for (const name of kept) this.tags.tagNote(seq, name);
    return kept;
  }

  private writeAttachments(seq: number, note: ImportedNote, item: string, skipped: SkippedItem[]): string[] {
    const referenced = new Set(attachmentHashesIn(note.body));
    const stored: string[] = [];
    const now = this.clock();
    for (const attachment of note.attachments) {
      if (!referenced.has(attachment.sha256) || stored.includes(attachment.sha256)) continue;
      // Sources check the cap before reading; this is the last line, for any source that did not.
      const problem = attachmentSizeProblem(attachment.name, attachment.bytes.byteLength);
      if (problem !== null) {
        skipped.push({ item: `${item}: ${attachment.name}`, reason: problem });
        continue;
      }
      this.attachments.attach(seq, attachment, now);
      stored.push(attachment.sha256);
    }
    return stored;
  }
}

/** Dates from a source are kept when they are real instants; a note is never updated before it was created. */
function orderedTimes(
  created: number | undefined,
  updated: number | undefined,
): { createdAt?: number; updatedAt?: number } {
  const createdAt = validTime(created);
  const updatedAt = validTime(updated);
  if (createdAt !== undefined && updatedAt !== undefined && updatedAt < createdAt)
    return { createdAt: updatedAt, updatedAt };
  return { createdAt, updatedAt };
}

function validTime(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const rounded = Math.round(value);
  return rounded >= 0 && rounded <= MAX_TIMESTAMP ? rounded : undefined;
}
