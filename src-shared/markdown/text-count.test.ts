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
