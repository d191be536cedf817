import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, storedNotes, tempFolder } from '../../test/main/import/import-test-support';
import { closeNotesDatabase, openNotesDatabase } from '../db/open-database';
import { NotesRepository } from '../db/notes-repository';
import { IMPORT_BATCH_LIMITS } from './import-batches';
import { runImport } from './run-import';
import { undoImport } from './undo-import';

// Batches of 20 notes: a few hundred notes make many batches, as 10,000 do with the real limits.
const SMALL_BATCHES = { ...IMPORT_BATCH_LIMITS, maxNotes: 20, restMs: 1, longRestMs: 1 };

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

/** A Markdown vault of `count` notes, each tagged, every tenth showing an image only the import has. */
function vault(count: number): string {
  const folder = path.join(temp, 'vault');
  fs.mkdirSync(folder);
  fs.copyFileSync(fixture('markdown/attachments/photo.png'), path.join(folder, 'photo.png'));
  for (let i = 0; i < count; i++) {
    const image = i % 10 === 0 ? '![[photo.png]]\n' : '';
    fs.writeFileSync(
      path.join(folder, `note ${i}.md`),
      `---\ntags: [mine, imported/only]\n---\n# Note ${i}\n\n${image}${'words '.repeat(50)}\n`,
    );
  }
  return folder;
}

function count(table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('an import in batches', () => {
  it('lets another connection commit between its batches, and stays one undoable step', async () => {
    const source = vault(300);
    // The window's connection, giving up at once: it commits only if the import never holds
    // the lock while it waits for its source or its rest.
    const other = new Database(db.name, { timeout: 0 });
    other.exec('CREATE TABLE saves (imported INTEGER NOT NULL)');
    const save = other.prepare<[number]>('INSERT INTO saves (imported) VALUES (?)');
    let imported = 0;
    const failures: string[] = [];
    const saver = setInterval(() => {
      try {
        save.run(imported);
      } catch (error) {
        failures.push(String(error));
      }
    }, 1);
    let report;
    try {
      report = await runImport(source, db, {
        batchLimits: SMALL_BATCHES,
        onProgress: (progress) => {
          imported = progress.imported;
        },
      });
    } finally {
      clearInterval(saver);
      other.close();
    }
    expect(failures).toEqual([]);
    expect(report.imported).toBe(300);
    // Saves landed while the import was part way, not only before or after it.
    const during = db
      .prepare<[number], number>('SELECT count(*) FROM saves WHERE imported > 0 AND imported < ?')
      .pluck()
      .get(300);
    expect(during).toBeGreaterThan(0);
    expect(undoImport(db, report.noteIds)).toBe(300);
    expect(storedNotes(db).filter((n) => !n.trashed)).toEqual([]);
  });

  it('on Cancel after some batches deletes the notes they wrote, and the tags and attachments only they brought (nothing the window just added)', async () => {
    const notes = new NotesRepository(db);
    const mine = notes.attachments.add({
      data: Buffer.from('a file of my own'),
      fileName: 'mine.txt',
      mediaType: 'text/plain',
    });
    const note = notes.create({ title: 'Mine', body: mine.markdown });
    notes.tags.add(note.id, ['mine']);
    const before = storedNotes(db);
    // Pasted in the window a moment ago; the note naming it is not saved yet. Not the import's.
    const pasted = notes.attachments.add({
      data: Buffer.from('pasted, not saved yet'),
      fileName: 'pasted.txt',
      mediaType: 'text/plain',
    });

    const controller = new AbortController();
    const run = runImport(vault(300), db, {
      batchLimits: SMALL_BATCHES,
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.imported === 100) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'The import was cancelled; no notes from it were added.',
      details: expect.stringMatching(
        /^The \d+ notes it had already written in batches were deleted again/,
      ) as unknown,
    });
    expect(storedNotes(db)).toEqual(before);
    expect(db.prepare('SELECT name FROM tags').pluck().all()).toEqual(['mine']);
    expect(db.prepare('SELECT sha256 FROM attachments ORDER BY seq').pluck().all()).toEqual([
      mine.sha256,
      pasted.sha256,
    ]);
    expect(db.inTransaction).toBe(false);
  });

  it('on a failure part way deletes what earlier batches wrote and says so', async () => {
    db.exec(
      "CREATE TRIGGER refuse BEFORE INSERT ON notes WHEN NEW.title = 'Note 150' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    await expect(runImport(vault(300), db, { batchLimits: SMALL_BATCHES })).rejects.toMatchObject({
      message: expect.stringMatching(/disk trouble/) as unknown,
      details: expect.stringMatching(/notes it had already written in batches were deleted again/) as unknown,
    });
    expect(storedNotes(db)).toEqual([]);
    expect(count('tags')).toBe(0);
    expect(count('attachments')).toBe(0);
  });
});
