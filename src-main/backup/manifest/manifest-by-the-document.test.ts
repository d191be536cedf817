/**
 * The manifest computed a second time, only from docs/backup-format.md section 7 (row encoding,
 * row lists, sum modulo 2^256), nothing from this folder: if it and manifestOf ever disagree,
 * the document or the implementation is wrong, and another program could not check a backup.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../db/run-migrations';
import { manifestOf } from './backup-manifest';

function encode(value: unknown): Buffer {
  if (value === null) return Buffer.from('n;');
  if (typeof value === 'number') return Buffer.from(`i${value};`);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`s${bytes.length}:`), bytes]);
  }
  const bytes = value as Buffer;
  return Buffer.concat([Buffer.from(`b${bytes.length}:`), bytes]);
}

function digestOf(rows: unknown[][]): string {
  let sum = 0n;
  for (const row of rows) {
    const hash = createHash('sha256')
      .update(Buffer.concat(row.map(encode)))
      .digest('hex');
    sum = (sum + BigInt(`0x${hash}`)) % 2n ** 256n;
  }
  return sum.toString(16).padStart(64, '0');
}

function byTheDocument(db: Database.Database) {
  const rows = (kind: string, sql: string): unknown[][] =>
    (db.prepare(sql).raw().all() as unknown[][]).map((row) => [kind, ...row]);
  const notes = [
    ...rows('note', 'SELECT id, title, body, pinned, created_at, updated_at, trashed_at FROM notes'),
    ...rows(
      'tag',
      'SELECT n.id, t.name FROM note_tags l, notes n, tags t WHERE n.seq = l.note_seq AND t.seq = l.tag_seq',
    ),
    ...rows(
      'version',
      'SELECT n.id, v.title, v.body, v.saved_at, v.size, v.reason FROM note_versions v, notes n WHERE n.seq = v.note_seq',
    ),
  ];
  const attachments = [
    ...rows('attachment', 'SELECT sha256, size, media_type, file_name, created_at FROM attachments'),
    ...rows(
      'link',
      'SELECT n.id, a.sha256 FROM note_attachments l, notes n, attachments a WHERE n.seq = l.note_seq AND a.seq = l.attachment_seq',
    ),
  ];
  return {
    notes: db.prepare('SELECT count(*) FROM notes').pluck().get(),
    attachments: db.prepare('SELECT count(*) FROM attachments').pluck().get(),
    notesDigest: digestOf(notes),
    attachmentsDigest: digestOf(attachments),
  };
}

describe('the manifest of docs/backup-format.md section 7', () => {
  it('is what manifestOf computes, for every kind of row', () => {
    const db = new Database(':memory:');
    try {
      applyMigrations(db);
      const insertNote = db.prepare(
        'INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      insertNote.run(
        'a1',
        'Ünïcode ☃',
        'body with 🏕️ and\nlines',
        1,
        1_700_000_000_000,
        1_700_000_000_500,
        null,
      );
      insertNote.run('b2', '', '', 0, 5, 6, 7);
      db.prepare("INSERT INTO tags (name) VALUES ('work'), ('work/project')").run();
      db.prepare('INSERT INTO note_tags (note_seq, tag_seq) VALUES (1, 1), (1, 2), (2, 2)').run();
      const bytes = Buffer.from([0, 1, 2, 255]);
      db.prepare(
        "INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at) VALUES (?, 'image/png', 'dot.png', 4, ?, 9)",
      ).run(createHash('sha256').update(bytes).digest('hex'), bytes);
      db.prepare('INSERT INTO note_attachments (note_seq, attachment_seq) VALUES (1, 1)').run();
      db.prepare(
        "INSERT INTO note_versions (note_seq, title, body, saved_at, size, reason) VALUES (1, 'old', 'older body', 3, 10, 'edit')",
      ).run();
      const expected = byTheDocument(db);
      expect(expected).toMatchObject({ notes: 2, attachments: 1 });
      expect(manifestOf(db)).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('is all zeros for no rows', () => {
    const db = new Database(':memory:');
    try {
      applyMigrations(db);
      expect(manifestOf(db)).toEqual({
        notes: 0,
        attachments: 0,
        notesDigest: '0'.repeat(64),
        attachmentsDigest: '0'.repeat(64),
      });
    } finally {
      db.close();
    }
  });
});
