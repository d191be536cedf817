import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, pngOfSize, readAll, tempFolder } from '../../test/main/import/import-test-support';
import { attachmentUrl } from '../../src-shared/attachment-ref';
import { enexDate } from './enex-note';
import { readEnex } from './enex-source';

let temp: string | undefined;
afterEach(() => {
  if (temp !== undefined) fs.rmSync(temp, { recursive: true, force: true });
  temp = undefined;
});

const PHOTO = fs.readFileSync(fixture('markdown/attachments/photo.png'));
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

function writeEnex(notes: string): string {
  temp = tempFolder();
  const file = path.join(temp, 'export.enex');
  fs.writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">\n<en-export>${notes}</en-export>\n`,
  );
  return file;
}

function resource(bytes: Uint8Array, mime: string, name: string): string {
  // Wrapped at 76 characters, as Evernote writes it.
  const base64 = Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\n');
  return `<resource><data encoding="base64">${base64}</data><mime>${mime}</mime><resource-attributes><file-name>${name}</file-name></resource-attributes></resource>`;
}

describe('readEnex', () => {
  it('reads the fixture: titles, tags, dates, Markdown with tables and checkboxes, resources matched by MD5', async () => {
    const { notes, skipped } = await readAll(readEnex, fixture('evernote.enex'));
    expect(skipped).toEqual([]);
    expect(notes.map((n) => n.title)).toEqual([
      'Shopping & plans',
      'Duplicate',
      'Duplicate',
      'Ünïcödé 日本語 🎉',
      '',
    ]);
    const [shopping, , second, unicode] = notes;
    expect(shopping?.tags).toEqual(['errands', 'home/kitchen']);
    expect(shopping?.createdAt).toBe(Date.UTC(2023, 0, 15, 9, 30, 0));
    expect(shopping?.updatedAt).toBe(Date.UTC(2023, 1, 20, 18, 15, 12));
    expect(shopping?.body).toContain('- [x] Milk\n- [ ] Bread & **butter**\n- [ ] Eggs\n');
    expect(shopping?.body).toContain(
      '| Item | Price |\n| --- | --- |\n| Milk | 1.20 \\| EUR |\n| Bread | **2.50** |\n',
    );
    expect(shopping?.body).toContain(`Photo: ![photo.png](${attachmentUrl(sha256(PHOTO))})`);
    // The PDF no en-media shows is linked at the end rather than dropped.
    const pdf = fs.readFileSync(fixture('markdown/files/report.pdf'));
    expect(shopping?.body.trimEnd().endsWith(`[report.pdf](${attachmentUrl(sha256(pdf))})`)).toBe(true);
    expect(
      shopping?.attachments.map((a) => ({ name: a.name, mediaType: a.mediaType, sha256: a.sha256 })),
    ).toEqual([
      { name: 'photo.png', mediaType: 'image/png', sha256: sha256(PHOTO) },
      { name: 'report.pdf', mediaType: 'application/pdf', sha256: sha256(pdf) },
    ]);
    expect(Buffer.from(shopping?.attachments[0]?.bytes ?? [])).toEqual(PHOTO);
    // The en-media whose resource is missing: reported, the note kept.
    expect(shopping?.skipped).toEqual([
      {
        item: 'evernote.enex: "Shopping & plans": attachment 00000000000000000000000000000000',
        reason: 'the note shows an attachment that is missing from the .enex file',
      },
    ]);
    expect(shopping?.body).toContain('Lost: (missing attachment)');
    expect(second?.body).toBe('Second of two notes with this title. A literal \\<data\\> tag in text.\n');
    expect(unicode?.body).toBe('Zażółć gęślą jaźń … 👩‍💻 © &unknownentity;\n');
    // Only a created date: updated follows it.
    expect(unicode?.updatedAt).toBe(unicode?.createdAt);
    expect(notes[4]?.body).toBe('');
  });

  it('leaves out a 20 MB image over the attachment cap, keeping its note and saying why', async () => {
    const big = pngOfSize(20 * 1024 * 1024);
    const file = writeEnex(
      `<note><title>Holiday</title><content><![CDATA[<en-note><div>Big: <en-media hash="${md5(big)}" type="image/png"/></div><div>Small: <en-media hash="${md5(PHOTO)}" type="image/png"/></div></en-note>]]></content>${resource(big, 'image/png', 'beach.png')}${resource(PHOTO, 'image/png', 'photo.png')}</note>`,
    );
    const { notes } = await readAll(readEnex, file);
    expect(notes).toHaveLength(1);
    expect(notes[0]?.attachments.map((a) => a.name)).toEqual(['photo.png']);
    expect(notes[0]?.body).toBe(
      `Big: (attachment not imported: beach.png)\n\nSmall: ![photo.png](${attachmentUrl(sha256(PHOTO))})\n`,
    );
    expect(notes[0]?.skipped).toEqual([
      {
        item: 'export.enex: "Holiday": beach.png',
        reason: '“beach.png” was not attached: it is 20.0 MB, and an attachment can be at most 10.0 MB.',
      },
    ]);
  });

  it('refuses a file that is not well-formed, or whose root is not <en-export>', async () => {
    const truncated = writeEnex('<note><title>Cut off</title>');
    fs.writeFileSync(truncated, fs.readFileSync(truncated, 'utf8').replace('</en-export>', ''));
    await expect(readAll(readEnex, truncated)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not a complete Evernote export/) as unknown,
    });
    fs.writeFileSync(truncated, '<?xml version="1.0"?><html><body/></html>');
    await expect(readAll(readEnex, truncated)).rejects.toThrow(/root element is <html>/);
  });

  it('reads Evernote dates as UTC and refuses other text', () => {
    expect(enexDate('20201231T235959Z')).toBe(Date.UTC(2020, 11, 31, 23, 59, 59));
    expect(enexDate('2020-12-31')).toBeUndefined();
  });
});
