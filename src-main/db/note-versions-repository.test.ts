import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteVaultError } from '../../src-shared/errors';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { EDIT_VERSION_INTERVAL_MS, NoteVersionsRepository } from './note-versions-repository';
import { NotesRepository } from './notes-repository';
import { DAY_MS, HOUR_MS } from './version-thinning';
import { attachmentUrl } from '../../src-shared/attachment-ref';
import { relinkAttachments } from './attachment-links';
import { AttachmentsRepository } from './attachments-repository';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';
import { PNG_1X1 } from '../../test/main/db/attachment-fixtures';

const tmp = useTempDir();
let db: Database.Database;
let clock: ManualClock;
let notes: NotesRepository;
let versions: NoteVersionsRepository;
let capBytes: number;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  clock = new ManualClock();
  notes = new NotesRepository(db, clock.now);
  capBytes = 100 * 1024 * 1024;
  versions = new NoteVersionsRepository(db, notes, { clock: clock.now, maxBytes: () => capBytes });
});

afterEach(() => closeNotesDatabase(db));

const MINUTE = 60_000;

function bodies(id: string): string[] {
  return versions.list(id, { limit: 200 }).items.map((v) => versions.get(id, v.seq).body);
}

function errorOf(action: () => unknown): NoteVaultError {
  try {
    action();
  } catch (err) {
    if (err instanceof NoteVaultError) return err;
    throw err;
  }
  throw new Error('expected a NoteVaultError');
}

describe('versions kept while typing', () => {
  it('keeps the text a save replaces at most once per interval, the first save after a pause included', () => {
    const note = notes.create({ title: 'Plan', body: 'v0' });
    // Typing: a save every 10 seconds for 12 minutes.
    for (let i = 1; i <= 72; i++) {
      clock.advance(10_000);
      versions.update(note.id, { body: `v${i}` });
    }
    // Kept: v0 (first save), then the text replaced once 5 minutes had passed, twice.
    expect(bodies(note.id)).toEqual(['v60', 'v30', 'v0']);
    const listed = versions.list(note.id).items;
    expect(listed.map((v) => v.reason)).toEqual(['edit', 'edit', 'edit']);
    expect(listed[0]?.savedAt).toBe(clock.time - 11 * 10_000);
    expect(notes.get(note.id).body).toBe('v72');
  });

  it('keeps nothing for pinning alone, an unchanged save, or a note that was blank', () => {
    const note = notes.create({ title: '', body: '' });
    versions.update(note.id, { body: 'first words' });
    clock.advance(EDIT_VERSION_INTERVAL_MS);
    versions.update(note.id, { pinned: true });
    versions.update(note.id, { body: 'first words' });
    expect(versions.list(note.id).total).toBe(0);
    versions.update(note.id, { body: 'second words' });
    expect(bodies(note.id)).toEqual(['first words']);
  });

  it('counts its size in UTF-8 bytes of title and body', () => {
    const note = notes.create({ title: 'é', body: '😀' });
    versions.update(note.id, { body: 'x' });
    expect(versions.list(note.id).items[0]?.size).toBe(2 + 4);
    expect(versions.totalBytes()).toBe(6);
  });

  it('keeps nothing when the update is refused (a trashed note), and passes the refusal on', () => {
    const note = notes.create({ title: 'T', body: 'b' });
    notes.trash(note.id);
    expect(errorOf(() => versions.update(note.id, { body: 'c' })).code).toBe('VALIDATION');
    expect(versions.list(note.id).total).toBe(0);
  });
});

describe('versions kept before other changes', () => {
  it('keeps one before a bring-back or import that changes the note, every time, and none when it would not change', () => {
    const note = notes.create({ title: 'T', body: 'mine' });
    expect(versions.keepBefore(note.id, 'before-bring-back', { title: 'T', body: 'mine' })).toBeNull();
    const kept = versions.keepBefore(note.id, 'before-bring-back', { title: 'T', body: 'backup' });
    expect(kept).toMatchObject({ reason: 'before-bring-back', title: 'T', savedAt: clock.time });
    expect(versions.keepBefore(note.id, 'before-import', { title: 'T', body: 'imported' })).toMatchObject({
      reason: 'before-import',
    });
    expect(versions.list(note.id).total).toBe(2);
  });

  it('refuses an unknown note with NOT_FOUND', () => {
    expect(
      errorOf(() => versions.keepBefore('no-such-note', 'before-import', { title: '', body: 'x' })).code,
    ).toBe('NOT_FOUND');
  });
});

describe('restoring a version', () => {
  it('puts the text back after keeping the current text, so restoring that one undoes it', () => {
    const note = notes.create({ title: 'Draft', body: 'first' });
    versions.update(note.id, { body: 'second' });
    const [first] = versions.list(note.id).items;
    clock.advance(MINUTE);
    const { note: restored, kept } = versions.restore(note.id, first!.seq);
    expect(restored).toMatchObject({ title: 'Draft', body: 'first' });
    expect(notes.get(note.id).body).toBe('first');
    expect(kept).toMatchObject({ reason: 'before-version-restore', savedAt: clock.time });
    // The kept one is at the top of the list; restoring it is the undo.
    expect(versions.list(note.id).items[0]?.seq).toBe(kept.seq);
    expect(versions.get(note.id, kept.seq).body).toBe('second');
    versions.restore(note.id, kept.seq);
    expect(notes.get(note.id).body).toBe('second');
  });

  it('refuses a version of another note, one thinned away, and a trashed note', () => {
    const a = notes.create({ title: 'A', body: 'a' });
    const b = notes.create({ title: 'B', body: 'b' });
    versions.update(a.id, { body: 'a2' });
    const [ofA] = versions.list(a.id).items;
    expect(errorOf(() => versions.restore(b.id, ofA!.seq)).code).toBe('NOT_FOUND');
    expect(errorOf(() => versions.get(b.id, ofA!.seq)).code).toBe('NOT_FOUND');
    expect(errorOf(() => versions.restore(a.id, 999_999)).code).toBe('NOT_FOUND');
    notes.trash(a.id);
    expect(errorOf(() => versions.restore(a.id, ofA!.seq)).message).toMatch(/in the trash/);
    expect(notes.get(b.id).body).toBe('b');
    expect(versions.list(a.id).total).toBe(1);
  });
});

describe('thinning and the cap', () => {
  it('thins the saved note and others in turn as versions are kept', () => {
    const old = notes.create({ title: 'Old', body: 'o0' });
    // Twenty versions of "Old", five minutes apart, two days ago.
    for (let i = 1; i <= 20; i++) {
      clock.advance(EDIT_VERSION_INTERVAL_MS);
      versions.update(old.id, { body: `o${i}` });
    }
    expect(versions.list(old.id).total).toBe(20);
    clock.advance(2 * DAY_MS);
    // Keeping a version of another note thins "Old" too: one per hour remains.
    const other = notes.create({ title: 'Other', body: 'x' });
    versions.keepBefore(other.id, 'before-import', { title: 'Other', body: 'y' });
    const left = versions.list(old.id, { limit: 200 }).items;
    expect(left.length).toBeLessThanOrEqual(3);
    const hours = new Set(left.map((v) => Math.floor(v.savedAt / HOUR_MS)));
    expect(hours.size).toBe(left.length);
  });

  it('past the cap deletes the oldest versions first, never the one just kept', () => {
    const note = notes.create({ title: '', body: 'a'.repeat(1000) });
    for (let i = 0; i < 5; i++) {
      clock.advance(EDIT_VERSION_INTERVAL_MS);
      versions.update(note.id, { body: `${i}`.repeat(1000) });
    }
    expect(versions.totalBytes()).toBe(5000);
    capBytes = 2500;
    clock.advance(EDIT_VERSION_INTERVAL_MS);
    versions.update(note.id, { body: 'z' });
    expect(versions.totalBytes()).toBeLessThanOrEqual(2500);
    expect(bodies(note.id)).toEqual(['4'.repeat(1000), '3'.repeat(1000)]);
    capBytes = 10;
    clock.advance(EDIT_VERSION_INTERVAL_MS);
    const { kept } = versions.restore(note.id, versions.list(note.id).items[0]!.seq);
    expect(versions.list(note.id).items.map((v) => v.seq)).toEqual([kept.seq]);
  });

  it('counts again before deleting for the cap, so versions that went with a deleted note are not counted', () => {
    const gone = notes.create({ title: '', body: 'g'.repeat(2000) });
    const kept = notes.create({ title: '', body: 'k'.repeat(500) });
    versions.update(gone.id, { body: 'x' });
    versions.update(kept.id, { body: 'y'.repeat(500) });
    expect(versions.totalBytes()).toBe(2500);
    notes.trash(gone.id);
    notes.purge(gone.id);
    capBytes = 1200;
    clock.advance(EDIT_VERSION_INTERVAL_MS);
    versions.update(kept.id, { body: 'z' });
    // 1000 bytes are really kept, under the cap: nothing of the live note's history goes.
    expect(bodies(kept.id)).toEqual(['y'.repeat(500), 'k'.repeat(500)]);
  });

  it('goes with its note when the note is deleted forever', () => {
    const note = notes.create({ title: 'T', body: 'b' });
    versions.update(note.id, { body: 'c' });
    expect(versions.totalBytes()).toBeGreaterThan(0);
    notes.trash(note.id);
    notes.purge(note.id);
    expect(db.prepare('SELECT count(*) FROM note_versions').pluck().get()).toBe(0);
  });
});

describe('attachments a version refers to', () => {
  const links = () => db.prepare('SELECT count(*) FROM note_attachments').pluck().get();

  it('keeps the link while a version refers to the attachment, and drops it once that version is thinned away', () => {
    const { sha256 } = new AttachmentsRepository(db).add({
      data: PNG_1X1,
      fileName: 'a.png',
      mediaType: 'image/png',
    });
    const note = notes.create({ title: 'Pic', body: `![a](${attachmentUrl(sha256)})` });
    versions.update(note.id, { body: 'no picture now' });
    // What every save does (NotesRepository): the links follow the text and the versions.
    relinkAttachments(db, seqOf(note.id));
    expect(links()).toBe(1);
    capBytes = 1;
    clock.advance(EDIT_VERSION_INTERVAL_MS);
    versions.update(note.id, { body: 'still none' });
    // The version with the picture was the oldest past the cap: nothing refers to it now.
    expect(bodies(note.id)).toEqual(['no picture now']);
    expect(links()).toBe(0);
  });
});

function seqOf(id: string): number {
  return db.prepare<[string], number>('SELECT seq FROM notes WHERE id = ?').pluck().get(id)!;
}
