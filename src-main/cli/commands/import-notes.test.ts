import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import { closeNotesDatabase, openNotesDatabase } from '../../db/open-database';
import {
  makeTempFolder,
  removeFolder,
  runCliCaptured,
  testIo,
  writeFile,
} from '../../../test/main/cli/test-support';
import { storedNotes } from '../../../test/main/import/import-test-support';
import { runCli } from '../run-cli';
import { createNotes, dbIn, readAllNotes } from '../../../test/main/cli/commands/notes-fixtures';

const isRoot = process.getuid?.() === 0;

let temp: string;
let source: string;
let db: string;

beforeEach(() => {
  temp = makeTempFolder();
  source = path.join(temp, 'source');
  fs.mkdirSync(source);
  db = path.join(temp, 'data', 'nested', 'notes.db');
});

afterEach(() => {
  removeFolder(temp);
});

async function importJson(
  folder = source,
): Promise<{ exitCode: number; result: Record<string, unknown>; stderr: string }> {
  const run = await runCliCaptured(['import', folder, '--db', db, '--json']);
  return {
    exitCode: run.exitCode,
    result: JSON.parse(run.stdout) as Record<string, unknown>,
    stderr: run.stderr,
  };
}

const byTitle = <T extends { title: string }>(notes: T[]): T[] =>
  [...notes].sort((a, b) => (a.title < b.title ? -1 : 1));

describe('notevault import', () => {
  it.skipIf(process.platform === 'win32')(
    'creates the database 0600 and the folders it makes for it 0700',
    async () => {
      writeFile(source, 'diary.md', '# Diary\n\nfor my eyes only\n');
      expect((await importJson()).exitCode).toBe(0);
      const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
      expect(modeOf(db)).toBe('600');
      expect(modeOf(path.dirname(db))).toBe('700');
      expect(modeOf(path.join(temp, 'data'))).toBe('700');
    },
  );

  it('imports .md files from nested folders, ignores other files, and creates the database and its folder', async () => {
    writeFile(source, 'top.md', '# Top note\n\nTop body\n');
    writeFile(source, 'a/b/c/deep.md', 'No heading here\n');
    writeFile(source, 'a/UPPER.MD', '# Upper\n');
    writeFile(source, 'a/picture.png', 'not a note');
    writeFile(source, 'notes.txt', '# Not markdown');
    writeFile(source, 'a/.hidden.md', '# hidden');
    writeFile(source, 'a/.md', 'only an extension, not a Markdown file name');

    const { exitCode, result, stderr } = await importJson();
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(result).toEqual({
      ok: true,
      command: 'import',
      imported: 3,
      skipped: [{ item: path.join('a', '.hidden.md'), reason: 'hidden file' }],
      warnings: [],
      source,
      format: 'markdown',
      attachments: 0,
      tags: 0,
      noteIds: [expect.any(String), expect.any(String), expect.any(String)],
      db,
    });
    expect(byTitle(readAllNotes(db)).map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'Top note', body: 'Top body\n' },
      { title: 'Upper', body: '' },
      { title: 'deep', body: 'No heading here\n' },
    ]);
  });

  it('prints a readable report without --json', async () => {
    writeFile(source, 'one.md', 'x');
    writeFile(source, 'bad.md', Buffer.from([0x66, 0xff, 0xfe, 0x00]));
    const run = await runCliCaptured(['import', source, '--db', db]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      `Imported 1 note from ${source} (Markdown) into ${db}.\nSkipped 1 item:\n  bad.md: not valid UTF-8 text; ` +
        'convert it to UTF-8 (most editors offer "Save with encoding") and import it again\n',
    );
  });

  it('skips a file that is not UTF-8 and says why, importing the rest', async () => {
    writeFile(source, 'latin1.md', Buffer.from('# Caf\xe9\n', 'latin1'));
    writeFile(source, 'utf16.md', Buffer.from('\ufeff# Hi', 'utf16le'));
    writeFile(source, 'fine.md', '# Fine\n');
    const { exitCode, result } = await importJson();
    expect(exitCode).toBe(0);
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([
      { item: 'latin1.md', reason: expect.stringMatching(/^not valid UTF-8 text/) as unknown },
      { item: 'utf16.md', reason: expect.stringMatching(/^not valid UTF-8 text/) as unknown },
    ]);
  });

  it('drops a UTF-8 byte order mark and keeps CRLF line endings exactly', async () => {
    writeFile(source, 'bom.md', '\ufeff# With BOM\r\n\r\nline 1\r\nline 2\r\n');
    writeFile(source, 'bom-only-text.md', '\ufeffplain\r\n');
    expect((await importJson()).exitCode).toBe(0);
    const notes = byTitle(readAllNotes(db));
    expect(notes.map(({ title, body }) => ({ title, body }))).toEqual([
      { title: 'With BOM', body: 'line 1\r\nline 2\r\n' },
      { title: 'bom-only-text', body: 'plain\r\n' },
    ]);
  });

  it('keeps a too-long heading as a shortened title and the full text as the body', async () => {
    const heading = 'h'.repeat(NOTE_LIMITS.titleMaxChars + 100);
    const text = `# ${heading}\n\nbody\n`;
    writeFile(source, 'long.md', text);
    const { exitCode, result } = await importJson();
    expect(exitCode).toBe(0);
    expect(result.imported).toBe(1);
    expect(result.warnings).toEqual([
      { item: 'long.md', reason: expect.stringMatching(/shortened/) as unknown },
    ]);
    const [note] = readAllNotes(db);
    expect(note?.title).toBe(`${'h'.repeat(NOTE_LIMITS.titleMaxChars - 1)}…`);
    expect(note?.body).toBe(text);
  });

  it('skips a file over the size limit without reading it', async () => {
    const big = writeFile(source, 'huge.md', '');
    fs.truncateSync(big, NOTE_LIMITS.bodyMaxBytes + 1024 * 1024);
    writeFile(source, 'small.md', 'x');
    const { result } = await importJson();
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([
      { item: 'huge.md', reason: expect.stringMatching(/^too large \(17\.0 MiB\)/) as unknown },
    ]);
  });

  it('skips a file whose text the database refuses, with the reason', async () => {
    writeFile(source, 'reserved.md', 'contains \u0002 a reserved control character');
    writeFile(source, 'ok.md', 'fine');
    const { exitCode, result } = await importJson();
    expect(exitCode).toBe(0);
    expect(result.imported).toBe(1);
    expect(result.skipped).toEqual([
      { item: 'reserved.md', reason: expect.stringMatching(/U\+0002/) as unknown },
    ]);
  });

  it('skips hidden folders silently, hidden .md files and symbolic links with a reason', async () => {
    writeFile(source, '.git/HEAD.md', '# not a note');
    writeFile(source, '.obsidian/workspace.md', '# not a note');
    writeFile(source, '._AppleDouble.md', Buffer.from([0, 5, 22, 7]));
    const outside = makeTempFolder('notevault-outside-');
    try {
      writeFile(outside, 'secret.md', '# Outside the folder');
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(source, 'link.md'));
      fs.symlinkSync(outside, path.join(source, 'linked-folder'));
      writeFile(source, 'real.md', '# Real');
      const { result } = await importJson();
      expect(result.imported).toBe(1);
      expect(result.skipped).toEqual([
        { item: '._AppleDouble.md', reason: 'hidden file' },
        { item: 'link.md', reason: 'symbolic link; links are not followed' },
        { item: 'linked-folder', reason: 'symbolic link; links are not followed' },
      ]);
      expect(readAllNotes(db).map((n) => n.title)).toEqual(['Real']);
    } finally {
      removeFolder(outside);
    }
  });

  it('dates notes from the file times: updated from the modification time', async () => {
    const file = writeFile(source, 'dated.md', '# Dated');
    const modified = new Date('2021-03-04T05:06:07.890Z');
    fs.utimesSync(file, modified, modified);
    await importJson();
    const [note] = readAllNotes(db);
    expect(note?.updatedAt).toBe(modified.getTime());
    expect(note?.createdAt).toBeLessThanOrEqual(modified.getTime());
  });

  it('adds to an existing database', async () => {
    createNotes(db, [{ title: 'Already there', body: '' }]);
    writeFile(source, 'new.md', '# New');
    const { result } = await importJson();
    expect(result.imported).toBe(1);
    expect(
      readAllNotes(db)
        .map((n) => n.title)
        .sort(),
    ).toEqual(['Already there', 'New']);
  });

  it('imports nothing when a database failure interrupts it part way', async () => {
    createNotes(db, [{ title: 'Before', body: '' }]);
    // A real SQLite failure on the third insert, not a mock.
    const connection = openNotesDatabase(db);
    connection.exec(
      "CREATE TRIGGER refuse_third BEFORE INSERT ON notes WHEN NEW.title = 'c' BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
    );
    closeNotesDatabase(connection);
    for (const title of ['a', 'b', 'c', 'd']) writeFile(source, `${title}.md`, `# ${title}`);

    const { exitCode, result, stderr } = await importJson();
    expect(exitCode).not.toBe(0);
    expect(result).toMatchObject({ ok: false, command: 'import' });
    expect(stderr).toMatch(/^notevault: .*disk trouble/);
    expect(readAllNotes(db).map((n) => n.title)).toEqual(['Before']);
  });

  it('fails with exit code 5 for a missing folder and does not create the database', async () => {
    const run = await runCliCaptured(['import', path.join(temp, 'missing'), '--db', db]);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toMatch(
      /^notevault: Could not import from ".*missing": the file or folder does not exist/,
    );
    expect(fs.existsSync(db)).toBe(false);
  });

  it('imports a single .md file', async () => {
    const file = writeFile(temp, 'file.md', '# x');
    const run = await runCliCaptured(['import', file, '--db', db]);
    expect(run.exitCode).toBe(0);
    expect(readAllNotes(db).map((n) => n.title)).toEqual(['x']);
  });

  it("refuses a database file that is not NoteVault's (exit code 4) and leaves it unchanged", async () => {
    const foreign = dbIn(temp, 'foreign.db');
    fs.writeFileSync(
      foreign,
      'this is not sqlite at all, just text that is long enough to have a header........',
    );
    const before = fs.readFileSync(foreign);
    writeFile(source, 'x.md', 'x');
    const run = await runCliCaptured(['import', source, '--db', foreign, '--json']);
    expect(run.exitCode).toBe(4);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'DB_NOT_SQLITE' } });
    expect(fs.readFileSync(foreign)).toEqual(before);
  });

  it.skipIf(isRoot)('skips an unreadable file and an unreadable subfolder', async () => {
    writeFile(source, 'ok.md', 'ok');
    const locked = writeFile(source, 'locked.md', 'secret');
    const lockedFolder = path.join(source, 'private');
    writeFile(source, 'private/inside.md', 'x');
    fs.chmodSync(locked, 0o000);
    fs.chmodSync(lockedFolder, 0o000);
    try {
      const { result } = await importJson();
      expect(result.imported).toBe(1);
      expect(result.skipped).toEqual([
        { item: 'locked.md', reason: expect.stringMatching(/permission denied/) as unknown },
        { item: 'private', reason: expect.stringMatching(/permission denied/) as unknown },
      ]);
    } finally {
      fs.chmodSync(lockedFolder, 0o755);
    }
  });
});

describe('notevault import from other apps', () => {
  const fixtures = path.resolve(__dirname, '../../../test/fixtures/import');

  it('imports each source, detected by content, and prints counts and each skipped item with its reason', async () => {
    const run = await runCliCaptured(['import', path.join(fixtures, 'evernote.enex'), '--db', db]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(
      [
        `Imported 4 notes (2 tags, 2 attachments) from ${path.join(fixtures, 'evernote.enex')} (Evernote) into ${db}.`,
        'Skipped 2 items:',
        '  evernote.enex: "Shopping & plans": attachment 00000000000000000000000000000000: the note shows an attachment that is missing from the .enex file',
        '  evernote.enex: note 5: the note is empty',
        '',
      ].join('\n'),
    );
    for (const [file, format, imported] of [
      ['simplenote.json', 'simplenote', 5],
      ['standardnotes-backup.txt', 'standardnotes', 4],
      ['markdown', 'markdown', 7],
    ] as const) {
      const { exitCode, result } = await importJson(path.join(fixtures, file));
      expect(exitCode).toBe(0);
      expect(result).toMatchObject({ ok: true, format, imported });
    }
  });

  it('keeps everything through the CLI: tags, pinned, dates and attachments', async () => {
    await importJson(path.join(fixtures, 'simplenote.json'));
    await importJson(path.join(fixtures, 'evernote.enex'));
    const connection = openNotesDatabase(db);
    try {
      const groceries = storedNotes(connection).find((n) => n.title === 'Groceries');
      expect(groceries).toMatchObject({
        pinned: true,
        tags: ['food', 'lists'],
        createdAt: Date.parse('2022-03-04T05:06:07.000Z'),
        updatedAt: Date.parse('2022-03-05T08:09:10.123Z'),
      });
      const shopping = storedNotes(connection).find((n) => n.title === 'Shopping & plans');
      expect(shopping?.attachments).toHaveLength(2);
      expect(shopping?.tags).toEqual(['errands', 'home/kitchen']);
    } finally {
      closeNotesDatabase(connection);
    }
  });

  it('reads a source as the format --from names, and refuses an unknown --from as a usage error', async () => {
    const renamed = writeFile(temp, 'export.data', fs.readFileSync(path.join(fixtures, 'simplenote.json')));
    const { exitCode, result } = await importJson(renamed);
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ format: 'simplenote', imported: 5 });
    const forced = await runCliCaptured(['import', renamed, '--from', 'standardnotes', '--db', db]);
    expect(forced.exitCode).toBe(1);
    expect(forced.stderr).toMatch(/not a Standard Notes backup \(it has no "items" list\)/);
    const unknown = await runCliCaptured(['import', renamed, '--from', 'evernote', '--db', db]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/--from must be one of markdown, enex, simplenote, standardnotes/);
  });

  it('refuses a file that is no supported source, with the formats it reads, and creates no database', async () => {
    const file = writeFile(
      temp,
      'picture.png',
      fs.readFileSync(path.join(fixtures, 'markdown/images/diagram.png')),
    );
    const run = await runCliCaptured(['import', file, '--db', db, '--json']);
    expect(run.exitCode).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(run.stderr).toMatch(
      /NoteVault imports a folder of Markdown files .*, an Evernote \.enex file, a Simplenote export/,
    );
    expect(fs.existsSync(db)).toBe(false);
  });

  it('draws progress on a terminal and clears it before the report', async () => {
    const { io, stdout, stderr } = testIo();
    const exitCode = await runCli(['import', path.join(fixtures, 'simplenote.json'), '--db', db], {
      ...io,
      stderrIsTTY: true,
    });
    expect(exitCode).toBe(0);
    expect(stderr().startsWith('\r\u001b[KImporting: ')).toBe(true);
    expect(stderr()).toContain('(1 note)');
    expect(stderr().endsWith('\r\u001b[K')).toBe(true);
    expect(stdout()).toMatch(/^Imported 5 notes/);
  });
});

describe('notevault import --help', () => {
  it('names the sources, --from and its formats, and the rules a person should know', async () => {
    const run = await runCliCaptured(['import', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Usage: notevault import <path> --db <path> \[--from <format>\]/);
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /--from <format> read <path> as this format instead of detecting it: markdown, enex, simplenote, standardnotes/,
    );
    for (const rule of [
      /Obsidian's !\[\[a\.png\]\]/,
      /checkboxes as "- \[ \]"/,
      /Simplenote: the first line is the title/,
      /nested tags as "parent\/child"/,
      /symbolic links \(never followed/,
      /all or nothing/,
    ]) {
      expect(text).toMatch(rule);
    }
  });
});
