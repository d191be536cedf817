/**
 * Words and characters of a note, for the editor's count. Words are what the Unicode word
 * breaker calls word-like (so "don't" is one word, a Markdown "#" or "-" none, and Chinese or
 * Japanese text is counted by its words rather than by spaces); characters are what a person
 * sees as one (an emoji with its modifiers is one), line breaks not counted.
 */
export interface TextCount {
  words: number;
  characters: number;
}

const words = new Intl.Segmenter(undefined, { granularity: 'word' });
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countText(text: string): TextCount {
  let wordCount = 0;
  for (const segment of words.segment(text)) if (segment.isWordLike) wordCount++;
  let characters = 0;
  for (const { segment } of graphemes.segment(text)) if (segment !== '\n' && segment !== '\r\n') characters++;
  return { words: wordCount, characters };
}
