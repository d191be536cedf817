import type Database from 'better-sqlite3';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import { NoteVaultError } from '../../src-shared/errors';
import { MAX_TIMESTAMP } from '../../src-shared/note-rules';
import {
  normalizeTagName,
  TAG_LIMITS,
  TAG_SEPARATOR,
  tagKey,
  tagNameProblem,
} from '../../src-shared/tag-rules';
import { NotesRepository } from '../db/notes-repository';
import { TagsRepository } from '../db/tags-repository';
import type { ImportedNote, SkippedItem } from './imported-note';

export type WriteResult =
  | {
      kind: 'written';
      id: string;
      tags: string[];
      /** The tags this note brought into the database (none of that name existed before). */
      newTags: string[];
      attachments: string[];
      skipped: SkippedItem[];
    }
  | { kind: 'refused'; reason: string };

/**
 * The one writer of imported notes: every source's notes go through the notes, attachments and
 * tags repositories here, so what a note may hold is checked by the same rules as in the app.
 * It only ever adds: a new note with its tags and attachments; no existing note is changed (an
 * existing tag or identical attachment is reused). Each note is written in a savepoint, so a note
 * the repository refuses leaves none of its attachments behind. The caller owns the transaction
 * (import-batches.ts: one note is never split across two).
 */
export class ImportWriter {
  private readonly notes: NotesRepository;
  private readonly tags: TagsRepository;
  private readonly tagExists: Database.Statement<[string], number>;

  constructor(
    private readonly db: Database.Database,
    clock: () => number = Date.now,
  ) {
    this.notes = new NotesRepository(db, clock);
    this.tags = new TagsRepository(db);
    this.tagExists = db.prepare<[string], number>('SELECT 1 FROM tags WHERE name = ?').pluck();
  }

  write(note: ImportedNote, item: string): WriteResult {
    const skipped: SkippedItem[] = [];
    try {
      return this.db.transaction(() => {
        // Attachments first: creating the note links those its text names (attachment-links.ts).
        const attachments = this.storeAttachments(note, item, skipped);
        const id = this.notes.create({
          title: note.title,
          body: note.body,
          pinned: note.pinned,
          ...orderedTimes(note),
        }).id;
        const kept = this.keptTags(note.tags, item, skipped);
        const newTags = kept.filter((name) => this.tagExists.get(name) === undefined);
        const tags = kept.length === 0 ? [] : this.tags.add(id, kept);
        return { kind: 'written' as const, id, tags, newTags, attachments, skipped };
      })();
    } catch (error) {
      // The repository refuses text it cannot store (a reserved control character, too long):
      // that is about this note, not the import.
      if (error instanceof NoteVaultError && error.code === 'VALIDATION')
        return { kind: 'refused', reason: error.message };
      throw error;
    }
  }

  private storeAttachments(note: ImportedNote, item: string, skipped: SkippedItem[]): string[] {
    const referenced = new Set(attachmentHashesIn(note.body));
    const stored: string[] = [];
    for (const attachment of note.attachments) {
      if (!referenced.has(attachment.sha256) || stored.includes(attachment.sha256)) continue;
      try {
        const added = this.notes.attachments.add({
          data: attachment.bytes,
          fileName: attachment.name,
          mediaType: attachment.mediaType ?? 'application/octet-stream',
        });
        stored.push(added.sha256);
      } catch (error) {
        // Past the cap or empty: the sources check both before reading, this is the last line.
        if (!(error instanceof NoteVaultError && error.code === 'VALIDATION')) throw error;
        skipped.push({ item: `${item}: ${attachment.name}`, reason: error.message });
      }
    }
    return stored;
  }

  private keptTags(raw: readonly string[], item: string, skipped: SkippedItem[]): string[] {
    const names = new Map<string, string>();
    for (const tag of raw) {
      const name = tidyTagName(tag);
      if (name === '') continue;
      const problem = tagNameProblem(name);
      if (problem !== undefined) {
        skipped.push({
          item: `${item}: tag ${JSON.stringify([...tag].slice(0, 60).join(''))}`,
          reason: problem,
        });
        continue;
      }
      if (!names.has(tagKey(name))) names.set(tagKey(name), name);
    }
    const kept = [...names.values()];
    if (kept.length > TAG_LIMITS.perNoteMax) {
      skipped.push({
        item: `${item}: ${kept.length - TAG_LIMITS.perNoteMax} of its tags`,
        reason: `a note carries at most ${TAG_LIMITS.perNoteMax} tags; the first ${TAG_LIMITS.perNoteMax} were kept`,
      });
      kept.length = TAG_LIMITS.perNoteMax;
    }
    return kept;
  }
}

/**
 * A tag as another app wrote it, made a NoteVault name where that loses nothing a person would
 * miss: runs of white space become one space and empty path parts ("a//b", "/a/") are dropped.
 */
export function tidyTagName(raw: string): string {
  return normalizeTagName(
    raw
      .split(TAG_SEPARATOR)
      .map((part) => part.replace(/\s+/gu, ' ').trim())
      .filter((part) => part !== '')
      .join(TAG_SEPARATOR),
  );
}

/** Dates from a source are kept when they are real instants; a note is never updated before it was created. */
function orderedTimes(note: ImportedNote): { createdAt?: number; updatedAt?: number } {
  const createdAt = validTime(note.createdAt);
  const updatedAt = validTime(note.updatedAt);
  if (createdAt !== undefined && updatedAt !== undefined && updatedAt < createdAt)
    return { createdAt: updatedAt, updatedAt };
  return {
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(updatedAt === undefined ? {} : { updatedAt }),
  };
}

function validTime(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const rounded = Math.round(value);
  return rounded >= 0 && rounded <= MAX_TIMESTAMP ? rounded : undefined;
}
