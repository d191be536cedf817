import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, readAll, tempFolder } from '../../test/main/import/import-test-support';
import { readStandardNotes } from './standard-notes-source';

let temp: string | undefined;
afterEach(() => {
  if (temp !== undefined) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

function writeJson(value: unknown): string {
  temp = tempFolder();
  const file = path.join(temp, 'backup.txt');
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('readStandardNotes', () => {
  it('reads notes with their tags (nested under their parent), pinned and dates; reports encrypted and trashed items', async () => {
    const { notes, skipped } = await readAll(readStandardNotes, fixture('standardnotes-backup.txt'));
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
        title: 'Project plan',
        body: '## Goals\n\n- [ ] ship\n- [x] plan\n',
        tags: ['work', 'work/projects'],
        pinned: true,
        createdAt: Date.parse('2022-06-01T10:00:00.000Z'),
        // The edit time Standard Notes keeps, not updated_at, which every sync moves.
        updatedAt: Date.parse('2022-06-02T11:22:33.444Z'),
      },
      {
        title: 'Duplicate',
        body: 'first',
        tags: ['work'],
        pinned: false,
        createdAt: Date.parse('2022-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2022-01-02T00:00:00.000Z'),
      },
      {
        title: 'Duplicate',
        body: 'second',
        tags: [],
        pinned: false,
        createdAt: Date.parse('2022-01-03T00:00:00.000Z'),
        updatedAt: Date.parse('2022-01-04T00:00:00.000Z'),
      },
      {
        title: 'Ünïcödé 日本語 🎉',
        body: 'Zażółć gęślą jaźń 👩‍💻',
        tags: [],
        pinned: false,
        createdAt: Date.parse('2021-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2021-01-01T00:00:00.000Z'),
      },
      {
        title: '',
        body: '',
        tags: [],
        pinned: false,
        createdAt: Date.parse('2021-01-01T00:00:00.000Z'),
        updatedAt: Date.parse('2021-01-01T00:00:00.000Z'),
      },
    ]);
    expect(skipped).toEqual([
      {
        item: 'standardnotes-backup.txt: encrypted Note e1',
        reason: expect.stringMatching(/encrypted; download a decrypted backup/) as unknown,
      },
      {
        item: 'standardnotes-backup.txt: "Thrown away"',
        reason: expect.stringMatching(/Standard Notes' trash/) as unknown,
      },
    ]);
  });

  it('refuses a backup whose items are all encrypted, saying how to get a decrypted one', async () => {
    const file = writeJson({
      version: '004',
      keyParams: {},
      items: [{ uuid: 'x', content_type: 'Note', content: '004:abc' }],
    });
    await expect(readAll(readStandardNotes, file)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/encrypted\. In Standard Notes, download a decrypted backup/) as unknown,
    });
  });

  it("imports a Super note's text as it is, and says it is Standard Notes' own format", async () => {
    const lexical = JSON.stringify({
      root: { children: [{ type: 'paragraph', children: [{ text: 'hi' }] }] },
    });
    const file = writeJson({
      items: [
        {
          uuid: 's',
          content_type: 'Note',
          content: { title: 'Super', text: lexical, noteType: 'super', references: [] },
        },
      ],
    });
    const { notes } = await readAll(readStandardNotes, file);
    expect(notes[0]?.body).toBe(lexical);
    const items = [];
    for await (const item of readStandardNotes(file, () => undefined)) items.push(item);
    expect(items[0]).toMatchObject({
      kind: 'note',
      warnings: [{ item: 'backup.txt: "Super"', reason: expect.stringMatching(/^a Super note/) as unknown }],
    });
  });

  it('survives a tag whose parent chain loops', async () => {
    const file = writeJson({
      items: [
        { uuid: 'n', content_type: 'Note', content: { title: 'N', text: '', references: [] } },
        {
          uuid: 'a',
          content_type: 'Tag',
          content: {
            title: 'a',
            references: [
              { uuid: 'b', content_type: 'Tag', reference_type: 'TagToParentTag' },
              { uuid: 'n', content_type: 'Note' },
            ],
          },
        },
        {
          uuid: 'b',
          content_type: 'Tag',
          content: {
            title: 'b',
            references: [{ uuid: 'a', content_type: 'Tag', reference_type: 'TagToParentTag' }],
          },
        },
      ],
    });
    const { notes } = await readAll(readStandardNotes, file);
    expect(notes[0]?.tags).toEqual(['b/a']);
  });
});
