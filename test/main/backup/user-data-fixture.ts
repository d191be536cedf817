/**
 * Test support: rows in every user-data table a NoteVault database of a given schema version
 * has (tags, links, attachments, kept versions), written with raw SQL as that version's
 * NoteVault would have stored them, so backups of every version carry more than notes.
 * Not imported by production code.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { tableDigest } from '../../../src-main/backup/user-data-digest';
import type { TableDigest } from '../../../src-main/backup/user-data-digest';
import { userDataTables } from '../../../src-main/backup/user-data-tables';

/**
 * The tables addUserData fills besides notes. A table a future migration adds must be added
 * here too: rebuild-user-data.test.ts fails, naming it, until it is.
 */
export const FIXTURE_TABLES = [
  'notes',
  'tags',
  'note_tags',
  'attachments',
  'note_attachments',
  'note_versions',
];

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `size` bytes that differ for each seed (not all zeros: a real file's bytes). */
export function fixtureBytes(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * Adds tags, links, attachments (one of `largeBytes`, others small) and kept versions to `db`,
 * which must hold at least two notes, in the tables its schema version has. Returns the hashes
 * of the attachments stored. The first note refers to every attachment in its body.
 */
export function addUserData(db: Database.Database, options: { largeBytes?: number } = {}): string[] {
  const notes = db.prepare('SELECT seq FROM notes ORDER BY seq LIMIT 2').pluck().all() as number[];
  const [first, second] = notes;
  if (first === undefined || second === undefined) throw new Error('addUserData needs two notes.');
  const hashes: string[] = [];
  db.transaction(() => {
    if (hasTable(db, 'tags')) {
      const tag = db.prepare('INSERT INTO tags (name) VALUES (?)');
      const work = Number(tag.run('work').lastInsertRowid);
      const projects = Number(tag.run('work/projects').lastInsertRowid);
      tag.run('Unused');
      const link = db.prepare('INSERT INTO note_tags (note_seq, tag_seq) VALUES (?, ?)');
      link.run(first, work);
      link.run(first, projects);
      link.run(second, work);
    }
    if (hasTable(db, 'attachments')) {
      const files = [
        { name: 'diagram.png', type: 'image/png', bytes: fixtureBytes(300, 1) },
        { name: 'report.pdf', type: 'application/pdf', bytes: fixtureBytes(options.largeBytes ?? 2048, 2) },
        { name: 'empty.txt', type: 'text/plain', bytes: Buffer.alloc(0) },
      ];
      const insert = db.prepare(
        'INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const link = db.prepare('INSERT INTO note_attachments (note_seq, attachment_seq) VALUES (?, ?)');
      const refs: string[] = [];
      for (const file of files) {
        const sha256 = sha256Hex(file.bytes);
        hashes.push(sha256);
        const seq = Number(
          insert.run(sha256, file.type, file.name, file.bytes.length, file.bytes, 1_700_000_000_000)
            .lastInsertRowid,
        );
        link.run(first, seq);
        refs.push(`[${file.name}](attachment:${sha256})`);
      }
      db.prepare('UPDATE notes SET body = body || ? WHERE seq = ?').run(`\n${refs.join('\n')}`, first);
    }
    if (hasTable(db, 'note_versions')) {
      // `size` (the UTF-8 bytes of title and body) came with the history's size cap.
      const withSize = db
        .prepare("SELECT 1 FROM pragma_table_info('note_versions') WHERE name = 'size'")
        .get();
      const version = db.prepare(
        withSize
          ? 'INSERT INTO note_versions (note_seq, title, body, saved_at, reason, size) VALUES (?, ?, ?, ?, ?, ?)'
          : 'INSERT INTO note_versions (note_seq, title, body, saved_at, reason) VALUES (?, ?, ?, ?, ?)',
      );
      const keep = (note: number, title: string, body: string, savedAt: number, reason: string): void => {
        const size = Buffer.byteLength(title) + Buffer.byteLength(body);
        version.run(...([note, title, body, savedAt, reason, ...(withSize ? [size] : [])] as unknown[]));
      };
      keep(first, 'First draft', 'what it said before', 1_600_000_000_000, 'edit');
      keep(first, 'Second draft', 'before a restore', 1_600_000_100_000, 'before-restore');
      keep(second, 'Other', 'an older text', 1_600_000_200_000, 'before-import');
    }
  })();
  return hashes;
}

/**
 * Rows and digest of every user-data table `db` has, over the columns NoteVault's schema `schema`
 * gives them (a fresh database at the same or a later version): what a restore must bring back.
 */
export function userDataDigests(
  db: Database.Database,
  schema: Database.Database = db,
): Record<string, TableDigest> {
  const result: Record<string, TableDigest> = {};
  for (const table of userDataTables(schema)) {
    if (hasTable(db, table.name)) result[table.name] = tableDigest(db, table.name, table.columns);
  }
  return result;
}
