import * as fs from 'node:fs';
import * as path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, storedNotes, tempFolder } from '../../test/main/import/import-test-support';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { detectSource } from './detect-source';
import type { ImportProgress } from './imported-note';
import { runImport } from './run-import';
import { undoImport } from './undo-import';

let temp: string;
let db: Database.Database;

beforeEach(() => {
  temp = tempFolder();
  db = openNotesDatabase(path.join(temp, 'notes.db'));
});

afterEach(() => {
  closeNotesDatabase(db);
  fs.rmSync(temp, { recursive: true, force: true });
});

function writeTemp(name: string, content: string): string {
  const file = path.join(temp, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('runImport', () => {
  it('detects each source by its content, whatever its name', async () => {
    expect(await detectSource(fixture('markdown'))).toBe('markdown');
    expect(await detectSource(fixture('evernote.enex'))).toBe('enex');
    expect(await detectSource(fixture('simplenote.json'))).toBe('simplenote');
    expect(await detectSource(fixture('standardnotes-backup.txt'))).toBe('standardnotes');
    fs.copyFileSync(fixture('evernote.enex'), path.join(temp, 'renamed.txt'));
    expect(await detectSource(path.join(temp, 'renamed.txt'))).toBe('enex');
  });

  it('refuses a file that is no supported source, saying which formats it reads', async () => {
    const cases: [string, RegExp][] = [
      [
        writeTemp('photo.jpg', '\xff\xd8\xff binary'),
        /neither a folder of Markdown files, an Evernote \.enex file nor a JSON export/,
      ],
      [writeTemp('page.html', '<html><body>hi</body></html>'), /XML, but not an Evernote export/],
      [
        writeTemp('other.json', '{"notes": []}'),
        /other\.json": it is JSON, but not a Simplenote export .* or a Standard Notes backup/,
      ],
    ];
    for (const [file, message] of cases) {
      await expect(runImport(file, db)).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringMatching(message) as unknown,
      });
    }
    expect(storedNotes(db)).toEqual([]);
  });

  it('imports Simplenote with nothing lost: tags, pinned, dates; empty and trashed notes are reported', async () => {
    const report = await runImport(fixture('simplenote.json'), db);
    expect(report).toMatchObject({ format: 'simplenote', imported: 5, tags: 4, attachments: 0 });
    expect(report.skipped).toEqual([
      { item: 'simplenote.json: note 6', reason: 'the note is empty' },
      { item: 'simplenote.json: "Old idea"', reason: expect.stringMatching(/trash/) as unknown },
    ]);
    const notes = storedNotes(db);
    expect(notes.map(({ title, pinned, tags }) => ({ title, pinned, tags }))).toEqual([
      { title: 'Ünïcödé 日本語 🎉', pinned: false, tags: ['ünï'] },
      { title: 'Duplicate', pinned: false, tags: ['dup'] },
      // "DUP" is the same tag as "dup" (A-Z case), so both duplicates carry the one tag.
      { title: 'Duplicate', pinned: false, tags: ['dup'] },
      { title: 'Pinned the other way', pinned: true, tags: [] },
      { title: 'Groceries', pinned: true, tags: ['food', 'lists'] },
    ]);
    expect(notes[4]).toMatchObject({
      createdAt: Date.parse('2022-03-04T05:06:07.000Z'),
      updatedAt: Date.parse('2022-03-05T08:09:10.123Z'),
    });
  });

  it('imports Evernote with its attachments stored once and linked to the note, dates and tags kept', async () => {
    const report = await runImport(fixture('evernote.enex'), db);
    expect(report).toMatchObject({ format: 'enex', imported: 4, tags: 2, attachments: 2 });
    const shopping = storedNotes(db).find((n) => n.title === 'Shopping & plans');
    expect(shopping).toMatchObject({
      tags: ['errands', 'home/kitchen'],
      createdAt: Date.UTC(2023, 0, 15, 9, 30),
      updatedAt: Date.UTC(2023, 1, 20, 18, 15, 12),
    });
    expect(shopping?.attachments).toHaveLength(2);
    const stored = db.prepare('SELECT file_name, media_type, size FROM attachments ORDER BY file_name').all();
    expect(stored).toEqual([
      { file_name: 'photo.png', media_type: 'image/png', size: 69 },
      { file_name: 'report.pdf', media_type: 'application/pdf', size: 43 },
    ]);
  });

  it('imports a Markdown vault; the same image from two sources is stored once', async () => {
    await runImport(fixture('evernote.enex'), db);
    const report = await runImport(fixture('markdown'), db);
    expect(report).toMatchObject({ format: 'markdown', imported: 7, tags: 2, attachments: 4 });
    // photo.png and report.pdf came with the Evernote notes already: 4 files in all, not 6.
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 4 });
    const daily = storedNotes(db).find((n) => n.title === 'Daily');
    expect(daily?.tags).toEqual(['journal', 'work/projects']);
    expect(daily?.attachments).toHaveLength(3);
  });

  it('imports Standard Notes with nested tags and pinned, and reports encrypted items', async () => {
    const report = await runImport(fixture('standardnotes-backup.txt'), db);
    expect(report).toMatchObject({ format: 'standardnotes', imported: 4, tags: 2 });
    expect(report.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/encrypted/) as unknown,
      expect.stringMatching(/trash/) as unknown,
      'the note is empty',
    ]);
    expect(storedNotes(db).find((n) => n.title === 'Project plan')).toMatchObject({
      pinned: true,
      tags: ['work', 'work/projects'],
    });
  });

  it('skips a note the database refuses, and a tag it cannot hold, with their reasons', async () => {
    const file = writeTemp(
      'notes.json',
      JSON.stringify({
        activeNotes: [
          { content: 'Bad\nhas \u0002 inside' },
          { content: 'Good\nbody', tags: ['ok', 'bad\u0007tag', 'a/'.repeat(11) + 'z'] },
        ],
      }),
    );
    const report = await runImport(file, db);
    expect(report.imported).toBe(1);
    expect(report.skipped).toEqual([
      { item: 'notes.json: "Bad"', reason: expect.stringMatching(/U\+0002/) as unknown },
      {
        item: 'notes.json: "Good": tag "bad\\u0007tag"',
        reason: 'A tag name cannot contain control characters or line breaks.',
      },
      {
        item: expect.stringMatching(/^notes\.json: "Good": tag "a\/a\//) as unknown,
        reason: expect.stringMatching(/nested at most 10 levels/) as unknown,
      },
    ]);
    expect(storedNotes(db).map((n) => [n.title, n.tags])).toEqual([['Good', ['ok']]]);
  });

  it("leaves none of a refused note's attachments behind", async () => {
    const vault = path.join(temp, 'vault');
    fs.mkdirSync(vault);
    fs.copyFileSync(fixture('markdown/attachments/photo.png'), path.join(vault, 'photo.png'));
    fs.writeFileSync(path.join(vault, 'Refused.md'), '# Refused\n\n![[photo.png]] and a reserved \u0002\n');
    const report = await runImport(vault, db);
    expect(report).toMatchObject({ imported: 0, attachments: 0 });
    expect(report.skipped).toEqual([
      { item: 'Refused.md', reason: expect.stringMatching(/U\+0002/) as unknown },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 0 });
  });

  it('is one undoable step: existing notes are untouched, and undoImport trashes exactly what it added', async () => {
    const notes = new NotesRepository(db);
    const mine = notes.create({
      title: 'Duplicate',
      body: 'my own note with a title the import also has',
      pinned: true,
    });
    const before = storedNotes(db);
    const report = await runImport(fixture('simplenote.json'), db);
    const after = storedNotes(db);
    expect(after.filter((n) => n.body === mine.body)).toEqual(before);
    expect(after).toHaveLength(before.length + report.imported);

    expect(undoImport(db, report.noteIds)).toBe(report.imported);
    expect(storedNotes(db).filter((n) => !n.trashed)).toEqual(before);
    expect(storedNotes(db).filter((n) => n.trashed)).toHaveLength(report.imported);
    // Again: nothing left to move.
    expect(undoImport(db, report.noteIds)).toBe(0);
  });

  it('reports progress and, when cancelled, keeps nothing of the import', async () => {
    const controller = new AbortController();
    const seen: ImportProgress[] = [];
    const run = runImport(fixture('simplenote.json'), db, {
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.imported === 2) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'The import was cancelled; no notes from it were added.',
    });
    expect(seen[0]).toMatchObject({ unit: 'bytes', imported: 1, skipped: 0 });
    expect(seen.at(-1)?.imported).toBe(2);
    expect(storedNotes(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);

    const done: ImportProgress[] = [];
    await runImport(fixture('markdown'), db, { onProgress: (p) => done.push(p) });
    expect(done.at(-1)).toMatchObject({ unit: 'files', done: 7, total: 7, imported: 7 });
  });

  it('hears a cancel that arrives as a message or timer while it works, not only at the end', async () => {
    const vault = path.join(temp, 'vault');
    fs.mkdirSync(vault);
    for (let i = 0; i < 400; i++) {
      fs.writeFileSync(path.join(vault, `note ${i}.md`), `# Note ${i}\n\n${'words '.repeat(200)}`);
    }
    const controller = new AbortController();
    let cancelSent = false;
    const run = runImport(vault, db, {
      signal: controller.signal,
      onProgress: () => {
        // Sent once the import is under way; a timer stands for the worker's message port, and
        // both need a turn of the event loop to arrive.
        if (!cancelSent) setTimeout(() => controller.abort(), 0);
        cancelSent = true;
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(storedNotes(db)).toEqual([]);
  });

  it('fails as a whole when the database fails part way, keeping nothing', async () => {
    db.exec(
      "CREATE TRIGGER refuse_third BEFORE INSERT ON notes WHEN NEW.title = 'Duplicate' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    await expect(runImport(fixture('simplenote.json'), db)).rejects.toThrow(/disk trouble/);
    expect(storedNotes(db)).toEqual([]);
    expect(db.inTransaction).toBe(false);
  });
});
