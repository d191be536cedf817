import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportItem, ImportedNote, SourceProgress } from '../../../src-main/import/imported-note';

/** Where the import fixtures live (small files written for the tests). */
export const IMPORT_FIXTURES = path.resolve(__dirname, '../../fixtures/import');

export function fixture(name: string): string {
  return path.join(IMPORT_FIXTURES, name);
}

/** Every item a source yields, and the progress it reported. */
export async function readAll(
  read: (source: string, progress: SourceProgress) => AsyncIterable<ImportItem>,
  source: string,
): Promise<{
  notes: (ImportedNote & { item: string; skipped: { item: string; reason: string }[] })[];
  skipped: { item: string; reason: string }[];
  progress: [number, number][];
}> {
  const progress: [number, number][] = [];
  const notes: (ImportedNote & { item: string; skipped: { item: string; reason: string }[] })[] = [];
  const skipped: { item: string; reason: string }[] = [];
  for await (const item of read(source, (done, total) => progress.push([done, total]))) {
    if (item.kind === 'note') notes.push({ ...item.note, item: item.item, skipped: item.skipped });
    else skipped.push(item.skipped);
  }
  return { notes, skipped, progress };
}

export function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'notevault-import-'));
}

/** A PNG of `size` bytes: a valid signature and header, then filler (enough for a sniffer). */
export function pngOfSize(size: number): Buffer {
  const png = Buffer.alloc(size, 0x5a);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(
    png,
  );
  return png;
}

export interface StoredNote {
  title: string;
  body: string;
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  trashed: boolean;
  tags: string[];
  attachments: string[];
}

/** Every note in the database with its tags and the attachments linked to it, oldest first. */
export function storedNotes(db: Database.Database): StoredNote[] {
  const rows = db
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
    >(
      'SELECT seq, title, body, pinned, created_at, updated_at, trashed_at FROM notes ORDER BY created_at, seq',
    )
    .all();
  const tags = db
    .prepare<[number], string>(
      'SELECT t.name FROM note_tags nt JOIN tags t ON t.seq = nt.tag_seq WHERE nt.note_seq = ? ORDER BY t.name',
    )
    .pluck();
  const attachments = db
    .prepare<[number], string>(
      'SELECT a.sha256 FROM note_attachments na JOIN attachments a ON a.seq = na.attachment_seq WHERE na.note_seq = ? ORDER BY a.sha256',
    )
    .pluck();
  return rows.map((row) => ({
    title: row.title,
    body: row.body,
    pinned: row.pinned === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    trashed: row.trashed_at !== null,
    tags: tags.all(row.seq),
    attachments: attachments.all(row.seq),
  }));
}
