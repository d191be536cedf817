import type Database from 'better-sqlite3';
import { attachmentHashesIn } from '../../src-shared/attachment-ref';

/**
 * Keeps note_attachments in step with the text that refers to attachments, and removes the
 * attachments nothing refers to any more. A note keeps an attachment through its current text
 * (title or body) or any of its kept versions (note_versions), trashed or not; only deleting
 * notes for good (purge, emptying the trash) lets bytes go.
 *
 * Call relinkAttachments inside the transaction that changed a note's text or its versions
 * (NotesRepository on every save that changes which attachments the text names; the history
 * code after it writes or thins versions), and removeUnreferencedAttachments after notes were
 * deleted for good.
 */

interface Statements {
  noteText: Database.Statement<[number], { title: string; body: string }>;
  versionTexts: Database.Statement<[number], { title: string; body: string }>;
  unlinkNote: Database.Statement<[number]>;
  link: Database.Statement<[number, string]>;
  unlinked: Database.Statement<[], { seq: number; sha256: string }>;
  notesMentioning: Database.Statement<[], { seq: number; title: string; body: string }>;
  versionsMentioning: Database.Statement<[], { seq: number; title: string; body: string }>;
  deleteAttachment: Database.Statement<[number]>;
  deleteBySha: Database.Statement<[string]>;
  linkedBySha: Database.Statement<[string], number>;
  storedBySha: Database.Statement<[string], number>;
}

// Statements are prepared once per connection: relinking runs on every save that changes links.
const prepared = new WeakMap<Database.Database, Statements>();

// Rows whose text cannot name an attachment are skipped by SQLite itself, without reaching JS.
const MENTIONS = `(instr(body, 'attachment:') > 0 OR instr(title, 'attachment:') > 0)`;

function statements(db: Database.Database): Statements {
  let s = prepared.get(db);
  if (!s) {
    s = {
      noteText: db.prepare('SELECT title, body FROM notes WHERE seq = ?'),
      versionTexts: db.prepare(`SELECT title, body FROM note_versions WHERE note_seq = ? AND ${MENTIONS}`),
      unlinkNote: db.prepare('DELETE FROM note_attachments WHERE note_seq = ?'),
      link: db.prepare(
        `INSERT OR IGNORE INTO note_attachments (note_seq, attachment_seq)
         SELECT ?, seq FROM attachments WHERE sha256 = ?`,
      ),
      unlinked: db.prepare(
        `SELECT seq, sha256 FROM attachments AS a
         WHERE NOT EXISTS (SELECT 1 FROM note_attachments WHERE attachment_seq = a.seq)`,
      ),
      notesMentioning: db.prepare(`SELECT seq, title, body FROM notes WHERE ${MENTIONS}`),
      versionsMentioning: db.prepare(
        `SELECT note_seq AS seq, title, body FROM note_versions WHERE ${MENTIONS}`,
      ),
      deleteAttachment: db.prepare('DELETE FROM attachments WHERE seq = ?'),
      deleteBySha: db.prepare('DELETE FROM attachments WHERE sha256 = ?'),
      linkedBySha: db
        .prepare<[string], number>(
          `SELECT 1 FROM note_attachments JOIN attachments ON attachments.seq = attachment_seq
           WHERE sha256 = ? LIMIT 1`,
        )
        .pluck(),
      storedBySha: db.prepare<[string], number>('SELECT 1 FROM attachments WHERE sha256 = ?').pluck(),
    };
    prepared.set(db, s);
  }
  return s;
}

/** The hashes one text (a title and a body) names. */
export function hashesOf(text: { title: string; body: string }): string[] {
  return attachmentHashesIn(`${text.title}\n${text.body}`);
}

/**
 * Rewrites note `noteSeq`'s rows in note_attachments from its current text and every kept
 * version of it. A hash with no stored attachment gets no row (it gains one when a later
 * relink or a sweep finds the attachment). A note that no longer exists is left with none.
 */
export function relinkAttachments(db: Database.Database, noteSeq: number): void {
  const s = statements(db);
  db.transaction(() => {
    s.unlinkNote.run(noteSeq);
    const note = s.noteText.get(noteSeq);
    if (!note) return;
    const hashes = new Set(hashesOf(note));
    for (const version of s.versionTexts.iterate(noteSeq))
      for (const hash of hashesOf(version)) hashes.add(hash);
    for (const hash of hashes) s.link.run(noteSeq, hash);
  })();
}

/**
 * The notes whose text or versions name one of `hashes`, by one pass over the text that names
 * any attachment. Costly on a large database: only for hashes that have no row at all.
 */
function notesMentioning(db: Database.Database, hashes: ReadonlySet<string>): Set<number> {
  const s = statements(db);
  const found = new Set<number>();
  for (const statement of [s.notesMentioning, s.versionsMentioning]) {
    for (const row of statement.iterate()) {
      if (!found.has(row.seq) && hashesOf(row).some((hash) => hashes.has(hash))) found.add(row.seq);
    }
  }
  return found;
}

/**
 * Whether some note (live or trashed, or one of its versions) refers to attachment `sha256`.
 * Read from note_attachments; when it has no row, the text is searched too, and the notes found
 * are relinked: rows are derived data, and text written by a path that did not relink (an
 * older build, an import, a restored backup) must not make bytes unreachable.
 */
export function isAttachmentReferenced(db: Database.Database, sha256: string): boolean {
  const s = statements(db);
  if (s.linkedBySha.get(sha256) !== undefined) return true;
  // Bytes that are not stored cannot be read, however many notes name them: no search then (a
  // note imported with a missing resource would otherwise cost a pass over every note per view).
  if (s.storedBySha.get(sha256) === undefined) return false;
  const notes = notesMentioning(db, new Set([sha256]));
  for (const noteSeq of notes) relinkAttachments(db, noteSeq);
  return notes.size > 0;
}

/**
 * Deletes every attachment no note refers to and returns how many went. Before deleting, the
 * text of all notes and versions is searched once for the candidates (see
 * isAttachmentReferenced): one found there is relinked and kept, never lost to a missing row.
 */
export function removeUnreferencedAttachments(db: Database.Database): number {
  const s = statements(db);
  return db.transaction(() => {
    const candidates = s.unlinked.all();
    if (candidates.length === 0) return 0;
    const notes = notesMentioning(db, new Set(candidates.map((c) => c.sha256)));
    for (const noteSeq of notes) relinkAttachments(db, noteSeq);
    let removed = 0;
    for (const candidate of s.unlinked.all()) removed += s.deleteAttachment.run(candidate.seq).changes;
    return removed;
  })();
}

/**
 * As removeUnreferencedAttachments, but only among `hashes` (what a cancelled import stored):
 * an attachment the window has just added, whose note is not saved yet, is left alone.
 */
export function removeUnreferencedAmong(db: Database.Database, hashes: Iterable<string>): number {
  const s = statements(db);
  return db.transaction(() => {
    const candidates = new Set(
      [...hashes].filter(
        (hash) => s.storedBySha.get(hash) !== undefined && s.linkedBySha.get(hash) === undefined,
      ),
    );
    if (candidates.size === 0) return 0;
    for (const noteSeq of notesMentioning(db, candidates)) relinkAttachments(db, noteSeq);
    let removed = 0;
    for (const hash of candidates)
      if (s.linkedBySha.get(hash) === undefined) removed += s.deleteBySha.run(hash).changes;
    return removed;
  })();
}
