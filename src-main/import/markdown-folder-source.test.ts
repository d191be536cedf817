import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, pngOfSize, readAll, tempFolder } from '../../test/main/import/import-test-support';
import { attachmentUrl } from '../../src-shared/attachment-ref';
import { readMarkdownFolder } from './markdown-folder-source';

let temp: string | undefined;
afterEach(() => {
  if (temp !== undefined) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

const bytesOf = (relative: string): Buffer => fs.readFileSync(fixture(path.join('markdown', relative)));
const refTo = (relative: string): string =>
  attachmentUrl(createHash('sha256').update(bytesOf(relative)).digest('hex'));

describe('readMarkdownFolder', () => {
  it('reads the fixture vault: Obsidian embeds, relative images and files, a TextBundle, front matter tags', async () => {
    const { notes, skipped } = await readAll(readMarkdownFolder, fixture('markdown'));
    expect(skipped).toEqual([]);
    expect(notes.map((n) => n.item)).toEqual([
      'Daily.md',
      'Duplicate.md',
      'Empty.md',
      'Escape.md',
      'Unicode 日本.md',
      path.join('sub', 'Duplicate.md'),
      'Bear Note.textbundle',
    ]);
    const daily = notes[0];
    expect(daily?.tags).toEqual(['journal', 'work/projects']);
    expect(daily?.body).toContain(`Obsidian embed: ![photo.png](${refTo('attachments/photo.png')})`);
    expect(daily?.body).toContain(`The same image, sized: ![photo.png](${refTo('attachments/photo.png')})`);
    expect(daily?.body).toContain(`A standard image: ![diagram](${refTo('images/diagram.png')})`);
    expect(daily?.body).toContain(`A report: [the report](${refTo('files/report.pdf')})`);
    // Missing: left as written and reported. Links to notes and code stay text.
    expect(daily?.body).toContain('A missing one: ![gone](images/nope.png)');
    expect(daily?.body).toContain('[[Duplicate]] and [dup](sub/Duplicate.md)');
    expect(daily?.body).toContain('![[code-sample.png]] stays text inside code');
    expect(daily?.body).toContain(
      'Inline code stays text: `![[photo.png]]`\n\nAnd here: ``![x](images/diagram.png)``',
    );
    expect(daily?.skipped).toEqual([
      {
        item: 'Daily.md: images/nope.png',
        reason: 'the image was not found; the note was imported without it',
      },
    ]);
    expect(daily?.attachments.map((a) => a.name)).toEqual(['photo.png', 'diagram.png', 'report.pdf']);

    expect(notes.map((n) => n.title)).toEqual([
      'Daily',
      'Duplicate',
      'Empty',
      'Escape',
      'Ünïcödé 日本語 🎉',
      'Duplicate',
      'Bear Note',
    ]);
    const bear = notes[6];
    expect(bear?.body).toBe(
      `A Bear note with its asset: ![](${refTo('Bear Note.textbundle/assets/bear.png')})\n`,
    );
    expect(bear?.attachments.map((a) => a.name)).toEqual(['bear.png']);

    // Nothing outside the chosen folder is read, however the link climbs.
    const escape = notes[3];
    expect(escape?.attachments).toEqual([]);
    expect(escape?.skipped).toEqual([
      {
        item: 'Escape.md: ../../../../../etc/hostname',
        reason: expect.stringMatching(/^it is outside the imported folder/) as unknown,
      },
    ]);
  });

  it('leaves out a 20 MB image over the cap without reading it; the note still imports', async () => {
    temp = tempFolder();
    fs.writeFileSync(path.join(temp, 'big.png'), pngOfSize(20 * 1024 * 1024));
    fs.writeFileSync(path.join(temp, 'Note.md'), '# Note\n\n![[big.png]]\n');
    const { notes } = await readAll(readMarkdownFolder, temp);
    expect(notes[0]?.body).toBe('![[big.png]]\n');
    expect(notes[0]?.attachments).toEqual([]);
    expect(notes[0]?.skipped).toEqual([
      {
        item: 'Note.md: big.png',
        reason:
          '“big.png” was not attached: it is 20.0 MB, and an attachment can be at most 10.0 MB; the note was imported without it',
      },
    ]);
  });

  it.skipIf(process.platform === 'win32')(
    'never reads outside the folder: not up through "..", not through a link in the name or on the way',
    async () => {
      temp = tempFolder();
      const vault = path.join(temp, 'vault');
      const outside = path.join(temp, 'outside');
      fs.mkdirSync(vault);
      fs.mkdirSync(outside);
      fs.writeFileSync(path.join(outside, 'secret.png'), bytesOf('attachments/photo.png'));
      fs.symlinkSync(path.join(outside, 'secret.png'), path.join(vault, 'linked.png'));
      fs.symlinkSync(outside, path.join(vault, 'linked-folder'));
      fs.writeFileSync(
        path.join(vault, 'Note.md'),
        '![a](linked.png) ![b](linked-folder/secret.png) ![c](../outside/secret.png)\n',
      );
      const { notes } = await readAll(readMarkdownFolder, vault);
      expect(notes[0]?.attachments).toEqual([]);
      expect(notes[0]?.skipped).toEqual([
        {
          item: 'Note.md: linked.png',
          reason: 'it is a symbolic link; links are not followed; the note was imported without it',
        },
        {
          item: 'Note.md: linked-folder/secret.png',
          reason:
            'it is reached through a symbolic link; links are not followed; the note was imported without it',
        },
        {
          item: 'Note.md: ../outside/secret.png',
          reason:
            'it is outside the imported folder, and import reads nothing outside it; the note was imported without it',
        },
      ]);
    },
  );

  it('still links the images of a note built to make the Markdown parser crawl', async () => {
    temp = tempFolder();
    fs.copyFileSync(fixture('markdown/attachments/photo.png'), path.join(temp, 'photo.png'));
    // 8,000 nested list items: parsed whole, this paragraph took minutes.
    const hostile = `${'- '.repeat(8000)}![deep](photo.png)\n\n${'['.repeat(5000)} [plain](photo.png)\n`;
    fs.writeFileSync(path.join(temp, 'Hostile.md'), hostile);
    const { notes } = await readAll(readMarkdownFolder, temp);
    const ref = refTo('attachments/photo.png');
    expect(notes[0]?.body).toBe(
      `${'- '.repeat(8000)}![deep](${ref})\n\n${'['.repeat(5000)} [plain](${ref})\n`,
    );
    expect(notes[0]?.attachments.map((a) => a.name)).toEqual(['photo.png']);
  });

  it('reads one .md file, attaching what its links reach below its folder', async () => {
    const { notes } = await readAll(readMarkdownFolder, fixture('markdown/Daily.md'));
    expect(notes.map((n) => n.title)).toEqual(['Daily']);
    expect(notes[0]?.attachments.map((a) => a.name)).toEqual(['diagram.png', 'report.pdf']);
    // An embed by name alone is looked up in the file's own folder, not the whole tree above.
    expect(notes[0]?.skipped.map((s) => s.item)).toEqual([
      'Daily.md: photo.png',
      'Daily.md: photo.png',
      'Daily.md: images/nope.png',
    ]);
  });
});
