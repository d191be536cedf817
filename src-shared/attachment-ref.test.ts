import { describe, expect, it } from 'vitest';
import { attachmentHashOf, attachmentHashesIn, attachmentUrl } from './attachment-ref';

const A = 'a'.repeat(64);
const B = '0123456789abcdef'.repeat(4);

describe('attachment references', () => {
  it('round-trips a hash through its URL', () => {
    expect(attachmentHashOf(attachmentUrl(A))).toBe(A);
  });

  it('refuses what is not a lower-case 64-digit hex hash', () => {
    expect(() => attachmentUrl('A'.repeat(64))).toThrow();
    expect(() => attachmentUrl('a'.repeat(63))).toThrow();
    expect(attachmentHashOf(`attachment:${'a'.repeat(65)}`)).toBeNull();
    expect(attachmentHashOf(`attachment:../${A}`)).toBeNull();
    expect(attachmentHashOf(`https://example.com/${A}`)).toBeNull();
  });

  it('lists each referenced hash once, in order, and ignores longer hex runs', () => {
    const text = `![x](attachment:${B}) and [y](attachment:${A}) again ![z](attachment:${B}) attachment:${A}0`;
    expect(attachmentHashesIn(text)).toEqual([B, A]);
    expect(attachmentHashesIn('no references here')).toEqual([]);
  });
});
