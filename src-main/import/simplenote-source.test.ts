import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, readAll, tempFolder } from '../../test/main/import/import-test-support';
import { NOTE_LIMITS } from '../../src-shared/notes';
import { readSimplenote } from './simplenote-source';

let temp: string | undefined;
afterEach(() => {
  if (temp !== undefined) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

function writeJson(value: unknown): string {
  temp = tempFolder();
  const file = path.join(temp, 'notes.json');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('readSimplenote', () => {
  it('reads titles from the first line, tags, pinned (either form) and dates; reports trashed notes', async () => {
    const { notes, skipped, progress } = await readAll(readSimplenote, fixture('simplenote.json'));
    expect(
      notes.map(({ title, body, tags, pinned, createdAt, updatedAt }) => ({
        title,
        body,
        tags,
        pinned,
        createdAt,
        updatedAt,
      })),
    ).toEqual([
      {
        title: 'Groceries',
        body: '- apples\r\n- pears',
        tags: ['food', 'lists'],
        pinned: true,
        createdAt: Date.parse('2022-03-04T05:06:07.000Z'),
        updatedAt: Date.parse('2022-03-05T08:09:10.123Z'),
      },
      {
        title: 'Pinned the other way',
        body: 'Body line',
        tags: [],
        pinned: true,
        createdAt: Date.parse('2021-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2021-01-02T00:00:00.000Z'),
      },
      {
        title: 'Duplicate',
        body: 'first',
        tags: ['dup'],
        pinned: false,
        createdAt: Date.parse('2020-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2020-01-01T00:00:00.000Z'),
      },
      {
        title: 'Duplicate',
        body: 'second',
        tags: ['DUP'],
        pinned: false,
        createdAt: Date.parse('2020-01-02T00:00:00.000Z'),
        updatedAt: Date.parse('2020-01-02T00:00:00.000Z'),
      },
      {
        title: 'Ünïcödé 日本語 🎉',
        body: 'Zażółć gęślą jaźń 👩‍💻',
        tags: ['ünï'],
        pinned: false,
        createdAt: Date.parse('2019-05-05T05:05:05.000Z'),
        updatedAt: Date.parse('2019-05-05T05:05:05.000Z'),
      },
      // The empty note is read as one; the runner skips it as empty (run-import.test.ts).
      {
        title: '',
        body: '',
        tags: [],
        pinned: false,
        createdAt: Date.parse('2019-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2019-01-01T00:00:00.000Z'),
      },
    ]);
    expect(skipped).toEqual([
      { item: 'simplenote.json: "Old idea"', reason: expect.stringMatching(/Simplenote's trash/) as unknown },
    ]);
    const size = fs.statSync(fixture('simplenote.json')).size;
    expect(progress.at(-1)).toEqual([size, size]);
  });

  it('keeps the whole content as the body when the first line is too long for a title', async () => {
    const line = 'w'.repeat(NOTE_LIMITS.titleMaxChars + 10);
    const { notes } = await readAll(
      readSimplenote,
      writeJson({ activeNotes: [{ content: `${line}\nrest` }] }),
    );
    expect(notes[0]?.title).toHaveLength(NOTE_LIMITS.titleMaxChars);
    expect(notes[0]?.body).toBe(`${line}\nrest`);
  });

  it('refuses JSON that is not a Simplenote export, and a file that is not JSON', async () => {
    await expect(readAll(readSimplenote, writeJson({ notes: [] }))).rejects.toThrow(
      /not a Simplenote export/,
    );
    temp = tempFolder();
    const broken = path.join(temp, 'broken.json');
    fs.writeFileSync(broken, '{"activeNotes": [');
    await expect(readAll(readSimplenote, broken)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not valid JSON/) as unknown,
    });
  });

  it('skips a note without content text, with the reason', async () => {
    const { notes, skipped } = await readAll(
      readSimplenote,
      writeJson({ activeNotes: [{ content: 42 }, { content: 'ok' }] }),
    );
    expect(notes.map((n) => n.title)).toEqual(['ok']);
    expect(skipped).toEqual([{ item: 'notes.json: note 1', reason: 'it has no "content" text' }]);
  });
});
