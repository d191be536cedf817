import type Database from 'better-sqlite3';
import { NoteVaultError } from '../../src-shared/errors';
import { AttachmentsRepository } from '../db/attachments-repository';
import { relinkAttachments } from '../db/attachment-links';
import type { ImportedNote, SkippedItem } from './imported-note';

/**
 * What only NoteVault's own JSON export carries beyond the writer's new note: its place in the
 * trash (with the time it went there) and its kept versions (with the attachments only they
 * name). Runs inside the import's transaction, right after ImportWriter.write made note `id`.
 * Returns the hashes of the attachments it stored or found for the versions.
 */
export function applyNoteExtras(
  db: Database.Database,
  id: string,
  note: ImportedNote,
  item: string,
  skipped: SkippedItem[],
): string[] {
  const stored: string[] = [];
  if (note.trashedAt === undefined && (note.versions === undefined || note.versions.length === 0))
    return stored;
  const seq = db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck().get(id);
  if (seq === undefined) return stored;
  if (note.versions !== undefined && note.versions.length > 0) {
    stored.push(...storeVersionAttachments(db, note, item, skipped));
    const insert = db.prepare<[number, string, string, number, number, string]>(
      'INSERT INTO note_versions (note_seq, title, body, saved_at, size, reason) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const version of note.versions) {
      const size = Buffer.byteLength(version.title, 'utf8') + Buffer.byteLength(version.body, 'utf8');
      insert.run(seq, version.title, version.body, version.savedAt, size, version.reason);
    }
    // Attachments only a version names are linked to the note, so the trash sweep keeps them.
    relinkAttachments(db, seq);
  }
  if (note.trashedAt !== undefined)
    db.prepare<[number, number]>('UPDATE notes SET trashed_at = ? WHERE seq = ?').run(note.trashedAt, seq);
  return stored;
}

/** The writer stores what the body names; a version may name attachments the body no longer does. */
function storeVersionAttachments(
  db: Database.Database,
  note: ImportedNote,
  item: string,
  skipped: SkippedItem[],
): string[] {
  const repository = new AttachmentsRepository(db);
  const stored: string[] = [];
  for (const attachment of note.attachments) {
    if (repository.info(attachment.sha256) !== undefined) {
      stored.push(attachment.sha256);
      continue;
    }
    try {
      stored.push(
        repository.add({
          data: attachment.bytes,
          fileName: attachment.name,
          mediaType: attachment.mediaType ?? 'application/octet-stream',
        }).sha256,
      );
    } catch (error) {
      if (!(error instanceof NoteVaultError && error.code === 'VALIDATION')) throw error;
      skipped.push({ item: `${item}: ${attachment.name}`, reason: error.message });
    }
  }
  return stored;
}
