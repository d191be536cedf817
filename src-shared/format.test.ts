import { describe, expect, it } from 'vitest';
import { NoteVaultError } from './errors';
import { formatBytes, formatCount, formatDateTime, pluralNoun } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1, '1 byte'],
    [999, '999 bytes'],
    [1023, '1023 bytes'],
    [1024, '1.0 KB'],
    [1536, '1.5 KB'],
    [1024 * 1024 - 1, '1.0 MB'],
    [300.2 * 1024 * 1024, '300.2 MB'],
    [1.5 * 1024 ** 3, '1.5 GB'],
    [2 * 1024 ** 4, '2.0 TB'],
  ])('%d -> %s', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });

  it.each([-1, NaN, Infinity])('rejects %d', (n) => {
    expect(() => formatBytes(n)).toThrow(NoteVaultError);
  });
});

describe('formatCount', () => {
  it('uses the English plural rules and the locale for the number', () => {
    expect(formatCount(1, 'note')).toBe('1 note');
    expect(formatCount(0, 'note')).toBe('0 notes');
    expect(formatCount(2, 'note')).toBe('2 notes');
    expect(formatCount(2, 'copy', 'copies')).toBe('2 copies');
    expect(formatCount(1234, 'file')).toMatch(/^1.234 files$/);
    expect(pluralNoun(1, 'matching note')).toBe('matching note');
  });
});

describe('formatDateTime', () => {
  it('reads epoch milliseconds and ISO strings alike', () => {
    const time = Date.UTC(2026, 11, 5, 14, 5);
    expect(formatDateTime(time)).toBe(formatDateTime(new Date(time).toISOString()));
    expect(formatDateTime(time)).toMatch(/2026/);
  });
});
