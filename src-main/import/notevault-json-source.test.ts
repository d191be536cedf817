import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngOfSize, readAll, tempFolder } from '../../test/main/import/import-test-support';
import { detectSource } from './detect-source';
import { readNotevaultJson } from './notevault-json-source';

let folder: string;
beforeEach(() => {
  folder = tempFolder();
});
afterEach(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

function write(value: unknown): string {
  const file = path.join(folder, 'notes.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

const png = pngOfSize(100);
const sha = createHash('sha256').update(png).digest('hex');

describe('readNotevaultJson (a NoteVault JSON export, as someone could hand it over)', () => {
  it('is recognised by its content, whatever the file is called', async () => {
    const file = write({ format: 'notevault-export', version: 1, notes: [], attachments: [] });
    const renamed = path.join(folder, 'backup.txt');
    fs.renameSync(file, renamed);
    expect(await detectSource(renamed)).toBe('notevault');
  });

  it('keeps an attachment only when its bytes hash to the SHA-256 it claims', async () => {
    const forged = createHash('sha256').update('something else').digest('hex');
    const file = write({
      format: 'notevault-export',
      version: 1,
      notes: [
        {
          title: 'Photos',
          body: `![a](attachment:${sha}) ![b](attachment:${forged})`,
          tags: ['x'],
          pinned: true,
          createdAt: 1000,
          updatedAt: 2000,
          trashedAt: null,
        },
      ],
      attachments: [
        { sha256: sha, fileName: 'a.png', mediaType: 'image/png', data: png.toString('base64') },
        { sha256: forged, fileName: 'b.png', mediaType: 'image/png', data: png.toString('base64') },
      ],
    });
    const { notes, skipped } = await readAll(readNotevaultJson, file);
    expect(skipped).toEqual([
      {
        item: 'notes.json: attachment "b.png"',
        reason: expect.stringMatching(/do not match its SHA-256/) as unknown,
      },
    ]);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.attachments.map((a) => a.sha256)).toEqual([sha]);
    expect(notes[0]?.skipped).toEqual([
      {
        item: expect.stringMatching(/^notes\.json: Photos: attachment /) as unknown,
        reason: expect.any(String) as unknown,
      },
    ]);
    expect(notes[0]).toMatchObject({ pinned: true, createdAt: 1000, updatedAt: 2000, tags: ['x'] });
  });

  it('refuses an export from a newer NoteVault, and one that is not an export', async () => {
    await expect(
      readAll(readNotevaultJson, write({ format: 'notevault-export', version: 99, notes: [] })),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/newer NoteVault/) as unknown,
    });
    await expect(readAll(readNotevaultJson, write({ format: 'other', notes: [] }))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('skips notes without text and keeps only dates that are whole non-negative numbers', async () => {
    const file = write({
      format: 'notevault-export',
      version: 1,
      notes: [
        { title: 5, body: 'x' },
        {
          title: 'Odd dates',
          body: 'b',
          createdAt: -5,
          updatedAt: 'yesterday',
          trashedAt: 1.5,
          versions: 'no',
        },
      ],
    });
    const { notes, skipped } = await readAll(readNotevaultJson, file);
    expect(skipped).toEqual([{ item: 'notes.json: note 1', reason: 'it has no "title" and "body" text' }]);
    expect(notes[0]).toMatchObject({ title: 'Odd dates', createdAt: undefined, updatedAt: undefined });
    expect(notes[0]?.trashedAt).toBeUndefined();
    expect(notes[0]?.versions).toBeUndefined();
  });
});
