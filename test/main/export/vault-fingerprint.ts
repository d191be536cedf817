import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** Everything export promises to keep of one note, by value (no ids, no seqs). */
export interface NoteFingerprint {
  title: string;
  body: string;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  trashedAt: number | null;
  tags: string[];
  /** sha256 of each attachment the note links to, with the SHA-256 of the bytes actually stored. */
  attachments: string[];
  versions: string[];
}

/** A vault's notes, read straight from the tables, sorted so two vaults compare by content. */
export function vaultFingerprint(db: Database.Database): NoteFingerprint[] {
  const notes = db
    .prepare<
      [],
      {
        seq: number;
        title: string;
        body: string;
        pinned: number;
        created_at: number;
        updated_at: number;
        trashed_at: number | null;
      }
    >('SELECT seq, title, body, pinned, created_at, updated_at, trashed_at FROM notes')
    .all();
  const tags = db
    .prepare<[number], string>(
      'SELECT t.name FROM note_tags nt JOIN tags t ON t.seq = nt.tag_seq WHERE nt.note_seq = ? ORDER BY t.name',
    )
    .pluck();
  const attachments = db.prepare<[number], { sha256: string; data: Buffer }>(
    `SELECT a.sha256, a.data FROM note_attachments na JOIN attachments a ON a.seq = na.attachment_seq
     WHERE na.note_seq = ? ORDER BY a.sha256`,
  );
  const versions = db.prepare<[number], { title: string; body: string; saved_at: number; reason: string }>(
    'SELECT title, body, saved_at, reason FROM note_versions WHERE note_seq = ? ORDER BY saved_at, seq',
  );
  return notes
    .map((note) => ({
      title: note.title,
      body: note.body,
      pinned: note.pinned === 1,
      createdAt: note.created_at,
      updatedAt: note.updated_at,
      trashedAt: note.trashed_at,
      tags: tags.all(note.seq),
      attachments: attachments
        .all(note.seq)
        .map((row) => `${row.sha256}=${createHash('sha256').update(row.data).digest('hex')}`),
      versions: versions.all(note.seq).map((v) => JSON.stringify([v.title, v.body, v.saved_at, v.reason])),
    }))
    .sort((a, b) => (JSON.stringify([a.title, a.body]) < JSON.stringify([b.title, b.body]) ? -1 : 1));
}
