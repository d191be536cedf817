import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../src-shared/attachments';
import { NoteVaultError } from '../../src-shared/errors';
import { AttachmentsRepository } from './attachments-repository';
import { closeNotesDatabase, openNotesDatabase } from './open-database';
import { ManualClock, useTempDir } from '../../test/main/db/test-support';
import { GIF_1X1, HTML_NAMED_PNG, PDF, PNG_1X1, SVG } from '../../test/main/db/attachment-fixtures';

const tmp = useTempDir();
let db: Database.Database;
let attachments: AttachmentsRepository;

beforeEach(() => {
  db = openNotesDatabase(tmp.file('notes.db'));
  attachments = new AttachmentsRepository(db, new ManualClock().now);
});

afterEach(() => {
  closeNotesDatabase(db);
});

const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const rowCount = () => db.prepare('SELECT count(*) FROM attachments').pluck().get();

function errorOf(action: () => unknown): NoteVaultError {
  try {
    action();
  } catch (err) {
    if (err instanceof NoteVaultError) return err;
    throw err;
  }
  throw new Error('expected a NoteVaultError');
}

describe('add', () => {
  it('stores bytes under their SHA-256 and returns the Markdown image that refers to them', () => {
    const added = attachments.add({ data: PNG_1X1, fileName: 'dot.png', mediaType: 'image/png' });
    expect(added).toEqual({
      sha256: hex(PNG_1X1),
      mediaType: 'image/png',
      fileName: 'dot.png',
      size: PNG_1X1.byteLength,
      isImage: true,
      markdown: `![dot.png](attachment:${hex(PNG_1X1)})`,
    });
    expect(Buffer.from(attachments.read(added.sha256).data)).toEqual(Buffer.from(PNG_1X1));
  });

  it('stores the same bytes once, whatever they are called, keeping the first name', () => {
    const first = attachments.add({ data: PNG_1X1, fileName: 'first.png', mediaType: 'image/png' });
    const again = attachments.add({ data: PNG_1X1, fileName: 'second.png', mediaType: '' });
    expect(again.sha256).toBe(first.sha256);
    expect(again.fileName).toBe('first.png');
    // The link text names the file as this paste did.
    expect(again.markdown).toBe(`![second.png](attachment:${first.sha256})`);
    expect(rowCount()).toBe(1);
    attachments.add({ data: GIF_1X1, fileName: 'other.gif', mediaType: 'image/gif' });
    expect(rowCount()).toBe(2);
  });

  it('refuses a file over the cap with one sentence naming both sizes, storing nothing', () => {
    const big = new Uint8Array(ATTACHMENT_LIMITS.maxBytes + 1);
    big.set(PNG_1X1);
    const error = errorOf(() => attachments.add({ data: big, fileName: 'huge.png', mediaType: 'image/png' }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      '“huge.png” was not attached: it is 10.0 MB, and an attachment can be at most 10.0 MB.',
    );
    expect(rowCount()).toBe(0);
    // Exactly at the cap is allowed.
    const atCap = attachments.add({
      data: big.subarray(0, ATTACHMENT_LIMITS.maxBytes),
      fileName: 'x',
      mediaType: '',
    });
    expect(atCap.size).toBe(ATTACHMENT_LIMITS.maxBytes);
  });

  it('refuses an empty file and anything that is not bytes', () => {
    expect(
      errorOf(() => attachments.add({ data: new Uint8Array(), fileName: 'a.txt', mediaType: '' })).message,
    ).toBe('“a.txt” was not attached: it is empty.');
    const notBytes = { data: 'iVBOR' as unknown as Uint8Array, fileName: 'a', mediaType: '' };
    expect(errorOf(() => attachments.add(notBytes)).code).toBe('VALIDATION');
    expect(rowCount()).toBe(0);
  });

  it('decides the type of an image by its bytes, never by the claim', () => {
    const lying = attachments.add({ data: HTML_NAMED_PNG, fileName: 'cat.png', mediaType: 'image/png' });
    expect(lying).toMatchObject({ mediaType: 'application/octet-stream', isImage: false });
    expect(lying.markdown).toBe(`[cat.png](attachment:${lying.sha256})`);
    const unclaimed = attachments.add({ data: GIF_1X1, fileName: 'clip', mediaType: 'text/plain' });
    expect(unclaimed).toMatchObject({ mediaType: 'image/gif', isImage: true });
  });

  it('keeps SVG as a file, never as an image', () => {
    const svg = attachments.add({ data: SVG, fileName: 'logo.svg', mediaType: 'image/svg+xml' });
    expect(svg).toMatchObject({ mediaType: 'image/svg+xml', isImage: false });
    expect(svg.markdown.startsWith('[logo.svg]')).toBe(true);
  });

  it('keeps a well-formed claimed type for other files, without parameters, and drops a malformed one', () => {
    expect(
      attachments.add({ data: PDF, fileName: 'r.pdf', mediaType: 'Application/PDF; x=1' }).mediaType,
    ).toBe('application/pdf');
    const text = new TextEncoder().encode('hello');
    expect(attachments.add({ data: text, fileName: 'h.txt', mediaType: 'text/<script>' }).mediaType).toBe(
      'application/octet-stream',
    );
  });

  it('sanitises the name, and names an unnamed image by its type', () => {
    expect(attachments.add({ data: PDF, fileName: '../../etc/r\u202Efdp.exe', mediaType: '' }).fileName).toBe(
      'r_fdp.exe',
    );
    expect(attachments.add({ data: PNG_1X1, fileName: '', mediaType: '' }).fileName).toBe('attachment.png');
  });

  it('escapes brackets in the link text so a name cannot end it early', () => {
    const added = attachments.add({ data: PDF, fileName: 'a](javascript:x)[b.pdf', mediaType: '' });
    expect(added.markdown).toBe(`[a\\](javascript_x)\\[b.pdf](attachment:${added.sha256})`);
  });
});

describe('read and info', () => {
  it('sniffs a stored row again, so a row claiming to be an image is not drawn as one', () => {
    const sha = hex(HTML_NAMED_PNG);
    db.prepare(
      `INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at)
       VALUES (?, 'image/png', 'x.png', ?, ?, 0)`,
    ).run(sha, HTML_NAMED_PNG.byteLength, Buffer.from(HTML_NAMED_PNG));
    expect(attachments.info(sha)).toMatchObject({ mediaType: 'application/octet-stream', isImage: false });
    expect(attachments.read(sha)).toMatchObject({ mediaType: 'application/octet-stream', isImage: false });
  });

  // The schema allows size 0, so a restored or imported row may be empty though add() refuses one.
  it('reads an empty row that came with a backup (substr of an empty blob is NULL)', () => {
    const empty = new Uint8Array(0);
    db.prepare(
      `INSERT INTO attachments (sha256, media_type, file_name, size, data, created_at)
       VALUES (?, 'text/plain', 'empty.txt', 0, ?, 0)`,
    ).run(hex(empty), Buffer.alloc(0));
    expect(attachments.info(hex(empty))).toMatchObject({ size: 0, isImage: false });
    expect(attachments.read(hex(empty)).data).toEqual(empty);
  });

  it('returns the bytes in an ArrayBuffer of their own', () => {
    const { sha256 } = attachments.add({ data: PNG_1X1, fileName: 'dot.png', mediaType: '' });
    const { data } = attachments.read(sha256);
    expect(data.constructor).toBe(Uint8Array);
    expect(data.buffer.byteLength).toBe(PNG_1X1.byteLength);
  });

  it('answers NOT_FOUND for an unknown hash and VALIDATION for something that is not one', () => {
    expect(attachments.info('a'.repeat(64))).toBeUndefined();
    expect(errorOf(() => attachments.read('a'.repeat(64))).code).toBe('NOT_FOUND');
    expect(errorOf(() => attachments.read('../notes.db')).code).toBe('VALIDATION');
    expect(errorOf(() => attachments.read('A'.repeat(64))).code).toBe('VALIDATION');
  });
});
