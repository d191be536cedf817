import { describe, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '../../src-shared/attachments';
import { sanitizeFileName } from './attachment-file-name';

describe('sanitizeFileName', () => {
  it('keeps an ordinary name as it is', () => {
    expect(sanitizeFileName('Holiday photo (2).jpg', 'x')).toBe('Holiday photo (2).jpg');
    expect(sanitizeFileName('résumé.pdf', 'x')).toBe('résumé.pdf');
  });

  it('keeps only the last path segment, of either separator', () => {
    expect(sanitizeFileName('/home/ann/secret/plan.txt', 'x')).toBe('plan.txt');
    expect(sanitizeFileName('C:\\Users\\ann\\plan.txt', 'x')).toBe('plan.txt');
    expect(sanitizeFileName('../../etc/passwd', 'x')).toBe('passwd');
  });

  it('replaces controls, bidi overrides and characters Windows forbids', () => {
    expect(sanitizeFileName('a\u0000b\nc.txt', 'x')).toBe('a_b_c.txt');
    expect(sanitizeFileName('invoice\u202Egnp.exe', 'x')).toBe('invoice_gnp.exe');
    expect(sanitizeFileName('what?<is>:"this"|*.txt', 'x')).toBe('what__is___this___.txt');
  });

  it('drops leading dots and trailing dots and spaces, and guards reserved Windows names', () => {
    expect(sanitizeFileName('.bashrc', 'x')).toBe('bashrc');
    expect(sanitizeFileName('notes.txt. . ', 'x')).toBe('notes.txt');
    expect(sanitizeFileName('CON.txt', 'x')).toBe('_CON.txt');
    expect(sanitizeFileName('lpt1', 'x')).toBe('_lpt1');
  });

  it('uses the fallback for a name that is empty once cleaned', () => {
    expect(sanitizeFileName('', 'attachment.png')).toBe('attachment.png');
    expect(sanitizeFileName(' .. ', 'attachment')).toBe('attachment');
    expect(sanitizeFileName('dir/', 'attachment')).toBe('attachment');
  });

  it('bounds a long name, keeping its extension and whole characters', () => {
    const max = ATTACHMENT_LIMITS.fileNameMaxChars;
    const long = sanitizeFileName(`${'a'.repeat(500)}.jpeg`, 'x');
    expect([...long]).toHaveLength(max);
    expect(long.endsWith('….jpeg')).toBe(true);
    const emoji = sanitizeFileName('😀'.repeat(300), 'x');
    expect([...emoji]).toHaveLength(max);
    // No lone surrogate: every character survives a round trip through UTF-8.
    expect(Buffer.from(emoji, 'utf8').toString('utf8')).toBe(emoji);
  });
});
