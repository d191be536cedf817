import { describe, expect, it } from 'vitest';
import { countText } from './text-count';

describe('word and character count', () => {
  it('counts words, not Markdown marks', () => {
    expect(countText('# Hello *world*\n- [ ] don’t forget')).toMatchObject({ words: 4 });
    expect(countText('')).toEqual({ words: 0, characters: 0 });
  });

  it('counts characters as a person sees them, without line breaks', () => {
    expect(countText('ab\ncd')).toEqual({ words: 2, characters: 4 });
    expect(countText('👍🏽 ok').characters).toBe(4);
  });
});

describe('counting a long note', () => {
  it('counts across the pieces it is segmented in, as one string would be counted', () => {
    const line = 'Ein Wörtchen, 👍🏽 and don’t — 漢字です.\n';
    const text = line.repeat(3000);
    const one = countText(line);
    expect(countText(text)).toEqual({ words: one.words * 3000, characters: one.characters * 3000 });
    // A run with no whitespace is cut anyway; its characters still all count.
    expect(countText('x'.repeat(20_000)).characters).toBe(20_000);
  });
});
