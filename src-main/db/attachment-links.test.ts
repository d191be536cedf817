import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AttachmentsRepository } from './attachments-repository';
import { relinkAttachments } from './attachment-links';
import { NotesRepository } from './notes-repository';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';
import { GIF_1X1, PDF, PNG_1X1 } from '../../test/main/db/attachment-fixtures';

const tmp = useTempDir();
let db: Database.Database;
let notes: NotesRepository;
let attachments: AttachmentsRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  const clock = new ManualClock();
  notes = new NotesRepository(db, clock.now);
  attachments = new AttachmentsRepository(db, clock.now);
});

afterEach(() => {
  closeNotesDatabase(db);
});

const png = () => attachments.add({ data: PNG_1X1, fileName: 'dot.png', mediaType: '' });
const gif = () => attachments.add({ data: GIF_1X1, fileName: 'dot.gif', mediaType: '' });
const pdf = () => attachments.add({ data: PDF, fileName: 'r.pdf', mediaType: 'application/pdf' });

const stored = () =>
  db.prepare<[], string>('SELECT sha256 FROM attachments ORDER BY sha256').pluck().all().sort();
const seqOf = (id: string) =>
  db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck().get(id) as number;
/** [note title, attachment file name] for every row of note_attachments. */
const links = () =>
  db
    .prepare(
      `SELECT n.title AS note, a.file_name AS file FROM note_attachments
       JOIN notes n ON n.seq = note_seq JOIN attachments a ON a.seq = attachment_seq ORDER BY 1, 2`,
    )
    .all();

/** A kept version, as the history code writes one (its table may carry more columns). */
function keepVersion(noteSeq: number, body: string): number {
  const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('note_versions')").pluck().all();
  const values: Record<string, unknown> = {
    note_seq: noteSeq,
    title: 'v',
    body,
    saved_at: 1,
    reason: 'edit',
  };
  if (columns.includes('size')) values.size = Buffer.byteLength(`v${body}`);
  const names = Object.keys(values);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO note_versions (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
    )
    .run(values);
  return Number(lastInsertRowid);
}

describe('links follow the text on every save', () => {
  it('links a new note to the attachments its body and title name', () => {
    const image = png();
    const file = pdf();
    notes.create({ title: 'A', body: `see ${image.markdown}` });
    notes.create({ title: `[x](attachment:${file.sha256})`, body: '' });
    notes.create({ title: 'C', body: 'nothing' });
    expect(links()).toEqual([
      { note: 'A', file: 'dot.png' },
      { note: `[x](attachment:${file.sha256})`, file: 'r.pdf' },
    ]);
  });

  it('adds and drops links as an update changes the references', () => {
    const image = png();
    const other = gif();
    const note = notes.create({ title: 'A', body: image.markdown });
    notes.update(note.id, { body: `${image.markdown}\n${other.markdown}` });
    expect(links()).toEqual([
      { note: 'A', file: 'dot.gif' },
      { note: 'A', file: 'dot.png' },
    ]);
    notes.update(note.id, { body: other.markdown });
    expect(links()).toEqual([{ note: 'A', file: 'dot.gif' }]);
    notes.update(note.id, { body: 'all gone' });
    expect(links()).toEqual([]);
  });

  it('gives a hash with no stored attachment no row, and links it once the text is saved after the add', () => {
    const sha = 'b'.repeat(64);
    const note = notes.create({ title: 'A', body: `![](attachment:${sha})` });
    expect(links()).toEqual([]);
    const image = png();
    notes.update(note.id, { body: `${image.markdown} and ![](attachment:${sha})` });
    expect(links()).toEqual([{ note: 'A', file: 'dot.png' }]);
  });

  it('keeps the links of a kept version, and drops them when the version goes', () => {
    const image = png();
    const note = notes.create({ title: 'A', body: image.markdown });
    const seq = seqOf(note.id);
    const version = keepVersion(seq, image.markdown);
    notes.update(note.id, { body: 'the image was cut out' });
    expect(links()).toEqual([{ note: 'A', file: 'dot.png' }]);
    db.prepare('DELETE FROM note_versions WHERE seq = ?').run(version);
    relinkAttachments(db, seq);
    expect(links()).toEqual([]);
  });
});

describe('attachments go only when no note refers to them and notes are deleted for good', () => {
  it('removes attachments left unreferenced when the trash is emptied', () => {
    const image = png();
    const file = pdf();
    const a = notes.create({ title: 'A', body: image.markdown });
    notes.create({ title: 'B', body: file.markdown });
    notes.trash(a.id);
    expect(stored()).toEqual([image.sha256, file.sha256].sort());
    notes.emptyTrash();
    expect(stored()).toEqual([file.sha256]);
  });

  it('keeps an attachment another note still refers to', () => {
    const image = png();
    const a = notes.create({ title: 'A', body: image.markdown });
    notes.create({ title: 'B', body: `again ${image.markdown}` });
    notes.trash(a.id);
    notes.emptyTrash();
    expect(stored()).toEqual([image.sha256]);
  });

  it('keeps an attachment a trashed note refers to when another note is deleted forever', () => {
    const image = png();
    const file = pdf();
    const a = notes.create({ title: 'A', body: image.markdown });
    const b = notes.create({ title: 'B', body: file.markdown });
    notes.trash(a.id);
    notes.trash(b.id);
    notes.purge(b.id);
    expect(stored()).toEqual([image.sha256]);
    notes.emptyTrash();
    expect(stored()).toEqual([]);
  });

  it('keeps an attachment only a kept version refers to', () => {
    const image = png();
    const a = notes.create({ title: 'A', body: image.markdown });
    keepVersion(seqOf(a.id), image.markdown);
    notes.update(a.id, { body: 'cut' });
    const b = notes.trash(notes.create({ title: 'B', body: '' }).id);
    notes.purge(b.id);
    notes.emptyTrash();
    expect(stored()).toEqual([image.sha256]);
  });

  it('keeps, and relinks, an attachment whose note names it but lost its row', () => {
    const image = png();
    notes.create({ title: 'A', body: image.markdown });
    db.exec('DELETE FROM note_attachments');
    notes.emptyTrash();
    expect(stored()).toEqual([image.sha256]);
    expect(links()).toEqual([{ note: 'A', file: 'dot.png' }]);
  });

  it('keeps everything when the trash is empty of references, and removes nothing when nothing was added', () => {
    expect(notes.emptyTrash()).toBe(0);
    const image = png();
    notes.create({ title: 'A', body: image.markdown });
    expect(notes.emptyTrash()).toBe(0);
    expect(stored()).toEqual([image.sha256]);
  });
});

describe('isReferenced', () => {
  it('is true for a live or trashed note or a version, and false once nothing refers', () => {
    const image = png();
    expect(attachments.isReferenced(image.sha256)).toBe(false);
    const a = notes.create({ title: 'A', body: image.markdown });
    expect(attachments.isReferenced(image.sha256)).toBe(true);
    notes.trash(a.id);
    expect(attachments.isReferenced(image.sha256)).toBe(true);
    notes.restore(a.id);
    keepVersion(seqOf(a.id), image.markdown);
    notes.update(a.id, { body: 'cut' });
    expect(attachments.isReferenced(image.sha256)).toBe(true);
    db.exec('DELETE FROM note_versions');
    relinkAttachments(db, seqOf(a.id));
    expect(attachments.isReferenced(image.sha256)).toBe(false);
  });

  it('is false for a hash no attachment is stored under, however many notes name it', () => {
    const sha = 'c'.repeat(64);
    notes.create({ title: 'A', body: `![gone](attachment:${sha})` });
    expect(attachments.isReferenced(sha)).toBe(false);
  });

  it('finds a reference whose row is missing, from the text, and restores the row', () => {
    const image = png();
    notes.create({ title: 'A', body: image.markdown });
    db.exec('DELETE FROM note_attachments');
    expect(attachments.isReferenced(image.sha256)).toBe(true);
    expect(links()).toEqual([{ note: 'A', file: 'dot.png' }]);
  });
});
