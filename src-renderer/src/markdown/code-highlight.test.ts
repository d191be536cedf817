import { describe, expect, it } from 'vitest';
import { describeLanguage, highlightPieces } from './code-highlight';

describe('code highlighting for the reading view', () => {
  it('finds a language by the fence info and splits the code into classed pieces', async () => {
    const description = describeLanguage('js title="x"');
    expect(description?.name).toBe('JavaScript');
    const support = await description!.load();
    const pieces = highlightPieces('const a = "b"; // c\nreturn', support.language);
    expect(pieces).toContainEqual({ text: 'const', classes: 'tok-keyword' });
    expect(pieces).toContainEqual({ text: '"b"', classes: 'tok-string' });
    expect(pieces).toContainEqual({ text: '// c', classes: 'tok-comment' });
    expect(pieces).toContainEqual({ text: '\n', classes: '' });
    expect(pieces.map((piece) => piece.text).join('')).toBe('const a = "b"; // c\nreturn');
  });

  it('knows no language for an empty or unknown info string', () => {
    expect(describeLanguage('')).toBeNull();
    expect(describeLanguage('no-such-language')).toBeNull();
  });
});
