import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../db/run-migrations';
import { compareManifest, manifestOf } from './backup-manifest';

interface Fixture {
  notes: [id: string, title: string, body: string][];
  tags: [noteId: string, tag: string][];
  attachments: [bytes: string, fileName: string][];
  links: [noteId: string, bytes: string][];
  versions: [noteId: string, body: string][];
}

const BASE: Fixture = {
  notes: [
    ['n1', 'One', 'first body'],
    ['n2', 'Two', 'second body'],
    ['n3', 'Three', 'third body'],
  ],
  tags: [
    ['n1', 'work'],
    ['n2', 'work'],
    ['n2', 'home'],
  ],
  attachments: [
    ['png bytes', 'dot.png'],
    ['text bytes', 'notes.txt'],
  ],
  links: [
    ['n1', 'png bytes'],
    ['n3', 'text bytes'],
  ],
  versions: [['n2', 'older second body']],
};

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A database at NoteVault's schema holding `fixture`, its rows inserted in `order`. */
function databaseOf(fixture: Fixture, order: 'forward' | 'reverse' = 'forward'): Database.Database {
  const db = new Database(':memory:');
  applyMigrations(db);
  const each = <T>(rows: T[]): T[] => (order === 'forward' ? rows : [...rows].reverse());
  const noteSeq = (id: string): number =>
    db.prepare('SELECT seq FROM notes WHERE id = ?').pluck().get(id) as number;
  for (const [id, title, body] of each(fixture.notes)) {
    db.prepare(
      'INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at) VALUES (?, ?, ?, 0, 1000, 2000, NULL)',
    ).run(id, title, body);
  }
  for (const name of each([...new Set(fixture.tags.map(([, tag]) => tag))])) {
    db.prepare('INSERT INTO tags (name) VALUES (?)').run(name);
  }
  for (const [noteId, tag] of each(fixture.tags)) {
    db.prepare('INSERT INTO note_tags (note_seq, tag_seq) SELECT ?, seq FROM tags WHERE name = ?').run(
      noteSeq(noteId),
      tag,
    );
  }
  for (const [bytes, fileName] of each(fixture.attachments)) {
    db.prepare(
      'INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at) VALUES (?, ?, ?, ?, ?, 3000)',
    ).run(sha(bytes), 'application/octet-stream', fileName, bytes.length, Buffer.from(bytes));
  }
  for (const [noteId, bytes] of each(fixture.links)) {
    db.prepare(
      'INSERT INTO note_attachments (note_seq, attachment_seq) SELECT ?, seq FROM attachments WHERE sha256 = ?',
    ).run(noteSeq(noteId), sha(bytes));
  }
  for (const [noteId, body] of each(fixture.versions)) {
    db.prepare(
      "INSERT INTO note_versions (note_seq, title, body, saved_at, size, reason) VALUES (?, 'v', ?, 1500, ?, 'edit')",
    ).run(noteSeq(noteId), body, body.length);
  }
  return db;
}

function manifestFor(fixture: Fixture, order?: 'forward' | 'reverse') {
  const db = databaseOf(fixture, order);
  try {
    return manifestOf(db);
  } finally {
    db.close();
  }
}

describe('manifestOf', () => {
  it('counts notes and attachments and does not depend on row order or internal numbers', () => {
    const forward = manifestFor(BASE);
    expect(forward).toMatchObject({ notes: 3, attachments: 2 });
    expect(forward.notesDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(forward.attachmentsDigest).toMatch(/^[0-9a-f]{64}$/);
    // Reverse insertion gives every row other seq numbers: the manifest is the same.
    expect(manifestFor(BASE, 'reverse')).toEqual(forward);
    expect(compareManifest(forward, manifestFor(BASE, 'reverse'))).toBeNull();
  });

  it.each<[string, (f: Fixture) => Fixture, 'notes' | 'attachments']>([
    [
      'a note body',
      (f) => ({ ...f, notes: f.notes.map(([id, t, b]) => [id, t, id === 'n2' ? `${b}!` : b]) }),
      'notes',
    ],
    [
      'a tag of a note',
      (f) => ({ ...f, tags: f.tags.map(([id, tag]) => [id === 'n2' ? 'n3' : id, tag]) }),
      'notes',
    ],
    ['a kept version', (f) => ({ ...f, versions: [['n2', 'another older body']] }), 'notes'],
    [
      'an attachment name',
      (f) => ({ ...f, attachments: [['png bytes', 'other.png'], f.attachments[1]!] }),
      'attachments',
    ],
    ['a link to an attachment', (f) => ({ ...f, links: [['n2', 'png bytes'], f.links[1]!] }), 'attachments'],
  ])('tells when %s differs', (_what, change, member) => {
    const difference = compareManifest(manifestFor(BASE), manifestFor(change(BASE)));
    expect(difference).toEqual({
      missingNotes: 0,
      extraNotes: 0,
      missingAttachments: 0,
      extraAttachments: 0,
      notesDiffer: member === 'notes',
      attachmentsDiffer: member === 'attachments',
    });
  });

  it('counts missing and extra notes and attachments', () => {
    const fewer: Fixture = { ...BASE, notes: BASE.notes.slice(0, 2), tags: [], links: [], versions: [] };
    const expected = manifestFor(BASE);
    expect(compareManifest(expected, manifestFor(fewer))).toMatchObject({ missingNotes: 1, extraNotes: 0 });
    expect(compareManifest(manifestFor(fewer), expected)).toMatchObject({ missingNotes: 0, extraNotes: 1 });
    const oneAttachment: Fixture = { ...BASE, attachments: [BASE.attachments[0]!], links: [BASE.links[0]!] };
    expect(compareManifest(expected, manifestFor(oneAttachment))).toMatchObject({
      missingAttachments: 1,
      attachmentsDiffer: true,
      notesDiffer: false,
    });
  });

  it('describes a database from before tags, attachments and kept versions', () => {
    const db = new Database(':memory:');
    try {
      applyMigrations(db, 2);
      db.prepare(
        "INSERT INTO notes (id, title, body, pinned, created_at, updated_at, trashed_at) VALUES ('n1', 'One', 'first body', 0, 1000, 2000, NULL)",
      ).run();
      const old = manifestOf(db);
      const empty = manifestFor({
        notes: [['n1', 'One', 'first body']],
        tags: [],
        attachments: [],
        links: [],
        versions: [],
      });
      // The same notes at today's schema (what a restore makes of it) have the same manifest.
      expect(old).toEqual(empty);
      expect(old).toMatchObject({ notes: 1, attachments: 0 });
    } finally {
      db.close();
    }
  });
});
