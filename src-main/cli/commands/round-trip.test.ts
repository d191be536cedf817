import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_LIMITS } from '../../../src-shared/notes';
import type { NewNote } from '../../../src-shared/notes';
import { makeTempFolder, removeFolder, runCliCaptured } from '../../../test/main/cli/test-support';
import { createNotes, dbIn, readAllNotes } from '../../../test/main/cli/commands/notes-fixtures';

let temp: string;

beforeEach(() => {
  temp = makeTempFolder();
});

afterEach(() => {
  removeFolder(temp);
});

const oneMegabyte = 'A line of a large note with ü, 日本, and 😀 in it.\r\n'.repeat(20_000);

// Titles the file name cannot carry, bodies that trip up Markdown and line-ending handling.
const AWKWARD_NOTES: readonly Omit<NewNote, 'createdAt' | 'updatedAt'>[] = [
  { title: 'Plain', body: 'Just text.' },
  { title: 'Émoji 🎉 and 日本語 👨‍👩‍👧', body: 'Body with 🧪 and ñ and عربى\n' },
  { title: 'CRLF', body: 'line one\r\nline two\r\n\r\nline four\r\n' },
  { title: 'Mixed endings', body: 'lf\ncrlf\r\ncr\rend' },
  { title: 'Empty body', body: '' },
  { title: 'Only a newline', body: '\n' },
  { title: 'Starts with blank lines', body: '\n\n\ntext' },
  { title: 'Big', body: oneMegabyte },
  { title: 'Duplicate', body: 'first' },
  { title: 'Duplicate', body: 'second' },
  { title: 'CON', body: 'device name' },
  { title: 'a:b?', body: 'forbidden characters' },
  { title: 'trailing. ', body: 'trailing dot and space' },
  { title: 'x'.repeat(300), body: 'a 300-character title' },
  { title: 'Note', body: 'upper' },
  { title: 'note', body: 'lower' },
  { title: '', body: 'an empty title' },
  { title: '   ', body: 'a blank title' },
  { title: ' leading space', body: '' },
  { title: 'C#', body: 'closing hash?' },
  { title: 'Ends with #', body: '' },
  { title: '# not a heading marker', body: '' },
  { title: 'back\\slash \\# and \\*', body: '' },
  { title: 'tab\there', body: '' },
  { title: 'Cafe\u0301 decomposed', body: 'NFD title' },
  { title: 'Café composed', body: 'NFC title' },
  { title: 'Body has its own heading', body: '# Another heading\n\ntext\n' },
  { title: 'Body looks like front matter', body: '---\ntitle: "fake"\n---\nrest' },
  { title: '---', body: 'a title that is a fence' },
  { title: '😀'.repeat(NOTE_LIMITS.titleMaxChars), body: 'a title at the limit' },
  { title: 'BOM inside', body: '\uFEFFstarts with a byte order mark character' },
];

async function exportThenImport(sourceDb: string): Promise<string> {
  const folder = path.join(temp, 'exported');
  const exported = await runCliCaptured([
    'export',
    '--db',
    sourceDb,
    '--format',
    'markdown',
    folder,
    '--json',
  ]);
  expect(exported.stderr).toBe('');
  expect(exported.exitCode).toBe(0);

  const targetDb = dbIn(temp, 'reimported.db');
  const imported = await runCliCaptured(['import', folder, '--db', targetDb, '--json']);
  expect(imported.stderr).toBe('');
  expect(imported.exitCode).toBe(0);
  expect(JSON.parse(imported.stdout)).toMatchObject({
    imported: (JSON.parse(exported.stdout) as { notes: number }).notes,
    skipped: [],
    warnings: [],
  });
  return targetDb;
}

const contentOf = (notes: { title: string; body: string }[]) =>
  notes.map(({ title, body }) => JSON.stringify([title, body])).sort();

describe('export then import', () => {
  it('gives back the same titles and bodies, byte for byte, and the same updatedAt', async () => {
    const sourceDb = dbIn(temp, 'source.db');
    const notes = AWKWARD_NOTES.map((note, i) => ({
      ...note,
      createdAt: 1_600_000_000_000 + i,
      updatedAt: 1_700_000_000_123 + i * 1001,
    }));
    createNotes(sourceDb, notes, [{ title: 'Trashed', body: 'must not come back' }]);

    const targetDb = await exportThenImport(sourceDb);
    const original = readAllNotes(sourceDb);
    const reimported = readAllNotes(targetDb);
    expect(reimported).toHaveLength(AWKWARD_NOTES.length);
    expect(contentOf(reimported)).toEqual(contentOf(original));

    const updatedByContent = (list: typeof original) =>
      Object.fromEntries(list.map((n) => [JSON.stringify([n.title, n.body]), n.updatedAt]));
    expect(updatedByContent(reimported)).toEqual(updatedByContent(original));
  });

  it('gives back files exported a second time unchanged', async () => {
    const sourceDb = dbIn(temp, 'source.db');
    createNotes(
      sourceDb,
      AWKWARD_NOTES.filter((n) => n.title !== 'Big'),
    );
    const targetDb = await exportThenImport(sourceDb);
    const secondExport = path.join(temp, 'second');
    expect(
      (await runCliCaptured(['export', '--db', targetDb, '--format', 'markdown', secondExport])).exitCode,
    ).toBe(0);

    const filesOf = (folder: string) =>
      fs
        .readdirSync(folder)
        .map((name) => fs.readFileSync(path.join(folder, name), 'utf8'))
        .sort();
    expect(filesOf(secondExport)).toEqual(filesOf(path.join(temp, 'exported')));
  });
});
