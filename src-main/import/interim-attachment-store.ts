import type Database from 'better-sqlite3';
import type { ImportedAttachment } from './imported-note';
import { sniffMediaType } from './sniff-media-type';

/**
 * INTERIM, until the attachments repository (issue #15, helper C) lands: the writes import needs
 * on the 004-attachments schema. Swap for the repository's calls; nothing else in src-main/import
 * knows SQL of attachments.
 */

const FILE_NAME_MAX_CHARS = 120;

export class InterimAttachmentStore {
  private readonly insert: Database.Statement<[Record<string, unknown>]>;
  private readonly selectSeq: Database.Statement<[string], number>;
  private readonly link: Database.Statement<[number, number]>;

  constructor(db: Database.Database) {
    // Content-addressed: the same bytes already stored (by an earlier note or import) are reused.
    this.insert = db.prepare(
      `INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at)
       VALUES (@sha256, @mediaType, @fileName, @size, @data, @createdAt) ON CONFLICT (sha256) DO NOTHING`,
    );
    this.selectSeq = db.prepare<[string], number>('SELECT seq FROM attachments WHERE sha256 = ?').pluck();
    this.link = db.prepare('INSERT OR IGNORE INTO note_attachments (note_seq, attachment_seq) VALUES (?, ?)');
  }

  /** Stores the bytes (once) and records that the note refers to them. */
  attach(noteSeq: number, attachment: ImportedAttachment, now: number): void {
    this.insert.run({
      sha256: attachment.sha256,
      mediaType: sniffMediaType(attachment.bytes, attachment.name, attachment.mediaType),
      fileName: storedFileName(attachment.name),
      size: attachment.bytes.byteLength,
      data: Buffer.from(attachment.bytes.buffer, attachment.bytes.byteOffset, attachment.bytes.byteLength),
      createdAt: now,
    });
    const seq = this.selectSeq.get(attachment.sha256);
    if (seq === undefined) throw new Error(`The attachment ${attachment.sha256} was not stored.`);
    this.link.run(noteSeq, seq);
  }
}

function storedFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a file name
  const clean = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim();
  const chars = [...(clean === '' ? 'attachment' : clean)];
  if (chars.length <= FILE_NAME_MAX_CHARS) return chars.join('');
  // Keep the extension: it is what the save dialog and the OS go by.
  const dot = clean.lastIndexOf('.');
  const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return chars.slice(0, FILE_NAME_MAX_CHARS - [...extension].length).join('') + extension;
}
