import type Database from 'better-sqlite3';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';
import type { VersionReason } from '../../src-shared/note-versions';
import { NOTE_COLUMNS, rowToNote } from '../db/note-row';
import type { NoteRow } from '../db/note-row';

/** A note as export writes it: everything the database holds about it, by value. */
export interface ExportedNote {
  id: string;
  title: string;
  body: string;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  trashedAt: number | null;
  tags: string[];
  /** Kept versions, oldest first; only read when the export asks for history. */
  versions: ExportedVersion[];
}

export interface ExportedVersion {
  title: string;
  body: string;
  savedAt: number;
  reason: VersionReason;
}

export interface ExportedAttachment {
  sha256: string;
  fileName: string;
  mediaType: string;
  data: Uint8Array;
}

type SeqNoteRow = NoteRow & { seq: number };

// Pages keep memory bounded at 100,000 notes; better-sqlite3 cannot run the tag and version
// queries while an iterate() over notes holds the connection, so notes are read by seq ranges.
const PAGE_SIZE = 200;

/**
 * Reads what an export writes from the notes database. The caller holds a read transaction
 * around the whole walk, so every page sees the same moment even while the app saves.
 */
export class ExportSource {
  private readonly page: Database.Statement<[number, number, number], SeqNoteRow>;
  private readonly tags: Database.Statement<[number], string>;
  private readonly versions: Database.Statement<
    [number],
    { title: string; body: string; saved_at: number; reason: VersionReason }
  >;
  private readonly attachment: Database.Statement<
    [string],
    { sha256: string; file_name: string; media_type: string; data: Buffer }
  >;
  private readonly total: Database.Statement<[number], number>;

  constructor(db: Database.Database) {
    this.page = db.prepare(
      `SELECT seq, ${NOTE_COLUMNS} FROM notes
       WHERE seq > ? AND (? = 1 OR trashed_at IS NULL) ORDER BY seq LIMIT ?`,
    );
    this.tags = db
      .prepare<[number], string>(
        `SELECT t.name FROM note_tags nt JOIN tags t ON t.seq = nt.tag_seq
         WHERE nt.note_seq = ? ORDER BY t.name COLLATE NOCASE`,
      )
      .pluck();
    this.versions = db.prepare(
      'SELECT title, body, saved_at, reason FROM note_versions WHERE note_seq = ? ORDER BY saved_at, seq',
    );
    this.attachment = db.prepare(
      'SELECT sha256, file_name, media_type, data FROM attachments WHERE sha256 = ?',
    );
    this.total = db
      .prepare<[number], number>('SELECT COUNT(*) FROM notes WHERE ? = 1 OR trashed_at IS NULL')
      .pluck();
  }

  count(includeTrashed: boolean): number {
    return this.total.get(includeTrashed ? 1 : 0) ?? 0;
  }

  *notes(options: { includeTrashed: boolean; history: boolean }): Generator<ExportedNote> {
    for (let after = 0; ;) {
      const rows = this.page.all(after, options.includeTrashed ? 1 : 0, PAGE_SIZE);
      if (rows.length === 0) return;
      for (const row of rows) {
        after = row.seq;
        yield {
          ...rowToNote(row),
          tags: this.tags.all(row.seq),
          versions: options.history
            ? this.versions.all(row.seq).map((version) => ({
                title: version.title,
                body: version.body,
                savedAt: version.saved_at,
                reason: version.reason,
              }))
            : [],
        };
      }
    }
  }

  /** The attachment a note names, or undefined when no bytes are stored under that hash. */
  attachmentOf(sha256: string): ExportedAttachment | undefined {
    const row = this.attachment.get(sha256);
    return row === undefined
      ? undefined
      : { sha256: row.sha256, fileName: row.file_name, mediaType: row.media_type, data: row.data };
  }
}

/** Every attachment hash a note and (when exported) its versions refer to, each once. */
export function attachmentHashesOf(note: ExportedNote): string[] {
  const hashes = new Set(attachmentHashesIn(`${note.title}\n${note.body}`));
  for (const version of note.versions)
    for (const hash of attachmentHashesIn(`${version.title}\n${version.body}`)) hashes.add(hash);
  return [...hashes];
}
