import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewNote } from '../../../src-shared/notes';
import { makeTempFolder, removeFolder, runCliCaptured, writeFile } from '../../../test/main/cli/test-support';
import { createNotes, dbIn } from '../../../test/main/cli/commands/notes-fixtures';

let temp: string;
let db: string;
let out: string;

beforeEach(() => {
  temp = makeTempFolder();
  db = dbIn(temp);
  out = path.join(temp, 'export');
});

afterEach(() => {
  removeFolder(temp);
});

const listFolder = (folder: string) => fs.readdirSync(folder).sort();
const read = (name: string) => fs.readFileSync(path.join(out, name), 'utf8');

async function exportJson(...extra: string[]) {
  const run = await runCliCaptured(['export', '--db', db, '--format', 'markdown', out, '--json', ...extra]);
  return {
    exitCode: run.exitCode,
    result: JSON.parse(run.stdout) as Record<string, unknown>,
    stderr: run.stderr,
  };
}

describe('notevault export', () => {
  it('writes one .md file per live note, leaves out the trash, and reports the count', async () => {
    createNotes(
      db,
      [
        {
          title: 'Groceries',
          body: '- milk\n',
          createdAt: Date.UTC(2026, 0, 2),
          updatedAt: Date.UTC(2026, 0, 3, 4, 5, 6, 7),
        },
        { title: 'Empty', body: '', createdAt: 0, updatedAt: 0 },
      ],
      [{ title: 'Thrown away', body: 'gone' }],
    );
    const { exitCode, result, stderr } = await exportJson();
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    expect(result).toEqual({
      ok: true,
      command: 'export',
      format: 'markdown',
      notes: 2,
      trashed: 0,
      attachments: 0,
      versions: 0,
      skipped: [],
      warnings: [],
      db,
      destination: out,
    });
    expect(listFolder(out)).toEqual(['Empty.md', 'Groceries.md']);
    expect(read('Groceries.md')).toBe(
      '---\ntitle: "Groceries"\ncreated: "2026-01-02T00:00:00.000Z"\nupdated: "2026-01-03T04:05:06.007Z"\n---\n\n- milk\n',
    );
    expect(read('Empty.md')).toBe(
      '---\ntitle: "Empty"\ncreated: "1970-01-01T00:00:00.000Z"\nupdated: "1970-01-01T00:00:00.000Z"\n---\n',
    );
  });

  it('prints a readable summary without --json', async () => {
    createNotes(db, [{ title: 'One', body: '' }]);
    const run = await runCliCaptured(['export', '--db', db, '--format', 'markdown', out]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe(`Exported 1 note from ${db} to ${out} (Markdown).\n`);
  });

  it('names files safely and uniquely for Windows, macOS and Linux', async () => {
    const titles = [
      'CON',
      'a:b?',
      'trailing. ',
      'x'.repeat(300),
      'Note',
      'note',
      'NOTE',
      'Same',
      'Same',
      '',
      'con.txt',
      'COM¹',
    ];
    createNotes(
      db,
      titles.map((title, i) => ({ title, body: `body ${i}`, createdAt: 1000 + i, updatedAt: 1000 + i })),
    );
    await exportJson();
    expect(listFolder(out)).toEqual(
      [
        'CON_.md',
        'a_b_.md',
        'trailing.md',
        `${'x'.repeat(200)}.md`,
        'Note.md',
        'note (2).md',
        'NOTE (3).md',
        'Same.md',
        'Same (2).md',
        'Untitled.md',
        'con_.txt.md',
        'COM¹_.md',
      ].sort(),
    );
    expect(read('note (2).md')).toMatch(/^---\ntitle: "note"\n[^]*\n---\n\nbody 5$/);
    expect(read('Same (2).md')).toMatch(/^---\ntitle: "Same"\n[^]*\n---\n\nbody 8$/);
  });

  it("sets each file's modification time to the note's updatedAt", async () => {
    const updatedAt = Date.UTC(2020, 1, 29, 12, 34, 56, 789);
    createNotes(db, [{ title: 'Dated', body: 'x', createdAt: updatedAt - 5000, updatedAt }]);
    await exportJson();
    expect(Math.round(fs.statSync(path.join(out, 'Dated.md')).mtimeMs)).toBe(updatedAt);
  });

  it('pages through more notes than one list page holds', async () => {
    const notes: NewNote[] = Array.from({ length: 1203 }, (_, i) => ({
      title: `Note ${i}`,
      body: String(i),
    }));
    createNotes(db, notes);
    const { result } = await exportJson();
    expect(result.notes).toBe(1203);
    const files = listFolder(out);
    expect(files).toHaveLength(1203);
    expect(new Set(files.map((f) => read(f).split('\n---\n\n')[1])).size).toBe(1203);
  });

  it('creates a missing nested output folder', async () => {
    createNotes(db, [{ title: 'A', body: '' }]);
    out = path.join(temp, 'deep', 'er', 'export');
    expect((await exportJson()).exitCode).toBe(0);
    expect(listFolder(out)).toEqual(['A.md']);
  });

  it.skipIf(process.platform === 'win32')('writes notes 0600 into folders it creates 0700', async () => {
    createNotes(db, [{ title: 'Diary', body: 'for my eyes only' }]);
    out = path.join(temp, 'new', 'export');
    expect((await exportJson()).exitCode).toBe(0);
    const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
    expect(modeOf(path.join(out, 'Diary.md'))).toBe('600');
    expect([modeOf(out), modeOf(path.join(temp, 'new'))]).toEqual(['700', '700']);
  });

  it('exports an empty database to an empty folder', async () => {
    createNotes(db, []);
    const { exitCode, result } = await exportJson();
    expect(exitCode).toBe(0);
    expect(result.notes).toBe(0);
    expect(listFolder(out)).toEqual([]);
  });

  it('refuses a folder that is not empty (exit code 1) and changes nothing', async () => {
    createNotes(db, [{ title: 'Note', body: 'new' }]);
    writeFile(out, 'Note.md', "the user's own file");
    const { exitCode, result, stderr } = await exportJson();
    expect(exitCode).toBe(1);
    expect(result).toMatchObject({ ok: false, command: 'export', error: { code: 'VALIDATION' } });
    expect(stderr).toMatch(/^notevault: Did not export to ".*export": the folder is not empty\./);
    expect(listFolder(out)).toEqual(['Note.md']);
    expect(read('Note.md')).toBe("the user's own file");
  });

  it('JSON: refuses an existing file, and replaces it with --force', async () => {
    createNotes(db, [{ title: 'Note', body: 'new' }]);
    const file = path.join(temp, 'notes.json');
    fs.writeFileSync(file, "the user's own file");
    const refused = await runCliCaptured(['export', '--db', db, '--format', 'json', file, '--json']);
    expect(refused.exitCode).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe("the user's own file");
    const forced = await runCliCaptured(['export', '--db', db, '--format', 'json', file, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      format: 'notevault-export',
      version: 1,
    });
  });

  it('refuses --force and --history with Markdown (usage, exit code 2)', async () => {
    createNotes(db, []);
    expect((await exportJson('--force')).exitCode).toBe(2);
    expect((await exportJson('--history')).exitCode).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('fails with exit code 5 for a missing database and creates neither it nor the folder', async () => {
    const run = await runCliCaptured(['export', '--db', db, '--format', 'markdown', out]);
    expect(run.exitCode).toBe(5);
    expect(run.stderr).toBe(`notevault: There is no notes database at "${db}". Check the --db path.\n`);
    expect(fs.existsSync(db)).toBe(false);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a destination that is a file (exit code 1) or a symbolic link', async () => {
    createNotes(db, [{ title: 'A', body: '' }]);
    writeFile(temp, 'export', 'a file');
    const { exitCode, stderr } = await exportJson();
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(/a file with that name exists/);
    fs.rmSync(out);
    fs.mkdirSync(path.join(temp, 'elsewhere'));
    fs.symlinkSync(path.join(temp, 'elsewhere'), out);
    const linked = await exportJson();
    expect(linked.exitCode).toBe(1);
    expect(linked.stderr).toMatch(/symbolic link/);
    expect(listFolder(path.join(temp, 'elsewhere'))).toEqual([]);
  });

  it('removes what it wrote, and the folders it created, when it fails part way', async () => {
    // A real failure: the second file's path is longer than Linux allows (4096 bytes).
    let deep = path.join(temp, 'created');
    while (deep.length + 201 < 3950) deep = path.join(deep, 'd'.repeat(200));
    deep = path.join(deep, 'e'.repeat(3950 - deep.length - 1));
    out = deep;
    createNotes(db, [
      { title: 'a', body: 'fits', createdAt: 1, updatedAt: 1 },
      { title: 'b'.repeat(230), body: 'path too long', createdAt: 2, updatedAt: 2 },
    ]);
    const { exitCode, result } = await exportJson();
    expect(exitCode).toBe(5);
    expect(result).toMatchObject({ ok: false, error: { code: 'IO' } });
    expect(fs.existsSync(path.join(temp, 'created'))).toBe(false);
    expect(listFolder(temp)).toEqual(['notes.db']);
  });
});
