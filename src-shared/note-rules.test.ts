import { describe, expect, it } from 'vitest';
import { countCodePoints, noteBody, noteTitle, stripControlCharacters, utf8ByteLength } from './note-rules';
import { HIGHLIGHT_END, HIGHLIGHT_START, NOTE_LIMITS } from './notes';

describe('text measures without Node', () => {
  it('counts UTF-8 bytes as SQLite stores them, a lone surrogate as U+FFFD', () => {
    expect(utf8ByteLength('')).toBe(0);
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
    expect(utf8ByteLength('\uD83D')).toBe(3);
    expect(utf8ByteLength('\uDE00x')).toBe(4);
    expect(utf8ByteLength('a😀é€')).toBe(10);
  });

  it('counts code points, an emoji as one', () => {
    expect(countCodePoints('a😀b')).toBe(3);
    expect(countCodePoints('\uDE00\uD83D')).toBe(2);
  });

  it('holds a body to its exact byte limit', () => {
    const max = NOTE_LIMITS.bodyMaxBytes;
    expect(noteBody.safeParse('é'.repeat(max / 2)).success).toBe(true);
    const over = noteBody.safeParse('é'.repeat(max / 2) + 'a');
    expect(over.error?.issues[0]?.message).toMatch(
      /is 16777217 bytes of UTF-8 text; the limit is 16777216 bytes/,
    );
  });
});

describe('stripControlCharacters', () => {
  it('removes control characters, keeping tab, line feed and carriage return', () => {
    expect(stripControlCharacters('a\u0000b\u0002c\u0003d\u001be\u007ff\u0085g')).toBe('abcdefg');
    expect(stripControlCharacters('line one\r\n\tline two\n')).toBe('line one\r\n\tline two\n');
  });

  it('leaves the text noteBody then accepts', () => {
    const pasted = `copied ${HIGHLIGHT_START}from a PDF${HIGHLIGHT_END} \u00e9\u{1f600}`;
    expect(noteBody.safeParse(pasted).success).toBe(false);
    const cleaned = stripControlCharacters(pasted);
    expect(cleaned).toBe('copied from a PDF \u00e9\u{1f600}');
    expect(noteBody.safeParse(cleaned).success).toBe(true);
    expect(noteTitle.safeParse(stripControlCharacters(`a title${HIGHLIGHT_END}`)).success).toBe(true);
  });
});
