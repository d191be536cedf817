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

// Intl.Segmenter slows down more than linearly on long strings (here 100,000 characters took
// 3.5 s where 10,000 took 35 ms), so the text is segmented in pieces of about this size, each
// ending just before whitespace, where neither a word nor a character can continue.
const PIECE = 2000;

function* pieces(text: string): Generator<string> {
  const whitespace = /\s/g;
  let start = 0;
  while (start < text.length) {
    whitespace.lastIndex = start + PIECE;
    const next = start + PIECE >= text.length ? null : whitespace.exec(text);
    // A very long run without whitespace (an encoded blob) is cut anyway: one word more per cut.
    const end =
      next === null ? Math.min(text.length, start + PIECE * 4) : Math.min(next.index, start + PIECE * 4);
    yield text.slice(start, end);
    start = end;
  }
}

export function countText(text: string): TextCount {
  let wordCount = 0;
  let characters = 0;
  for (const piece of pieces(text)) {
    for (const segment of words.segment(piece)) if (segment.isWordLike) wordCount++;
    for (const { segment } of graphemes.segment(piece)) {
      if (segment !== '\n' && segment !== '\r\n' && segment !== '\r') characters++;
    }
  }
  return { words: wordCount, characters };
}
