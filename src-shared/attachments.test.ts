import { describe, expect, it } from 'vitest';
import { attachmentHashesIn } from './attachment-ref';
import { attachmentMarkdown, attachmentTooLargeMessage, firstImageHashIn } from './attachments';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('attachmentMarkdown', () => {
  it('writes an image for an image and a link for any other file', () => {
    expect(attachmentMarkdown({ sha256: A, fileName: 'dot.png', isImage: true })).toBe(
      `![dot.png](attachment:${A})`,
    );
    expect(attachmentMarkdown({ sha256: A, fileName: 'r.pdf', isImage: false })).toBe(
      `[r.pdf](attachment:${A})`,
    );
  });

  it('escapes what would end the link text, so the reference is still found', () => {
    const markdown = attachmentMarkdown({ sha256: A, fileName: 'a]b[c\\d', isImage: true });
    expect(markdown).toBe(`![a\\]b\\[c\\\\d](attachment:${A})`);
    expect(attachmentHashesIn(markdown)).toEqual([A]);
    expect(firstImageHashIn(markdown)).toBe(A);
  });
});

describe('firstImageHashIn', () => {
  it('finds the first image, not a file link, and nothing in plain text', () => {
    expect(firstImageHashIn(`[r.pdf](attachment:${A}) then ![x](attachment:${B})`)).toBe(B);
    expect(firstImageHashIn(`[r.pdf](attachment:${A})`)).toBeNull();
    expect(firstImageHashIn('no images here ![x](https://example.com/x.png)')).toBeNull();
  });
});

describe('attachmentTooLargeMessage', () => {
  it('names the file, its size and the cap in one sentence', () => {
    expect(attachmentTooLargeMessage('big.jpg', 20 * 1024 * 1024)).toBe(
      '“big.jpg” was not attached: it is 20.0 MB, and an attachment can be at most 10.0 MB.',
    );
  });
});
