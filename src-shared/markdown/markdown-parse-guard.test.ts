import { describe, expect, it } from 'vitest';
import { isTameForEditor, isTameMarkdown, MARKDOWN_PARSE_LIMITS } from './markdown-parse-guard';
import { markdownPreview } from './markdown-preview';
import { parseMarkdown } from './parse-markdown';

// Each of these took the parser seconds to minutes (or overflowed the stack) before the guard;
// through parseMarkdown they now return at once, as null (shown as plain text).
const HOSTILE: Record<string, string> = {
  'a paragraph in 8,000 nested list items': `${'- '.repeat(8000)}x`,
  'a paragraph in 8,000 nested quotes': `${'>'.repeat(8000)}x`,
  '8,000 lines of 32 nested list items': `${'- '.repeat(32)}x\n`.repeat(2000),
  'a flat list of 16,000 items': '- x\n'.repeat(16000),
  '20,000 alternating emphasis markers in one paragraph': '*a_'.repeat(20000),
  '60,000 alternating strong markers': 'a**b'.repeat(60000).slice(0, 60000),
  'a 16 MiB note': 'word '.repeat((16 * 1024 * 1024) / 5),
};

describe('the Markdown parse guard', () => {
  for (const [name, text] of Object.entries(HOSTILE)) {
    it(`refuses ${name}, and the parser is never called`, () => {
      expect(isTameMarkdown(text)).toBe(false);
      expect(parseMarkdown(text)).toBeNull();
    });
  }

  it('lets ordinary notes through, lists, quotes, code and links included', () => {
    const note = [
      '# Trip',
      '',
      '> a quote with **bold** and _em_',
      '',
      ...Array.from({ length: 150 }, (_, i) => `${i + 1}. item [link](https://example.com/${i}) \`code\``),
      '',
      '- [ ] one',
      '  - [x] two',
      '',
      '```js',
      'const a = [1, 2];',
      '```',
    ].join('\n');
    expect(isTameMarkdown(note)).toBe(true);
    expect(parseMarkdown(note)?.children.length).toBeGreaterThan(3);
  });

  it('counts brackets and emphasis per block: many paragraphs each under the limits pass', () => {
    const paragraph = `${'[a] *b* '.repeat(200)}\n\n`;
    expect(isTameMarkdown(paragraph.repeat(20))).toBe(true);
    expect(isTameMarkdown(`${'[a] '.repeat(MARKDOWN_PARSE_LIMITS.maxBracketsPerBlock + 1)}`)).toBe(false);
  });

  it('counts the markers of ordered lists and quotes inside lists as nesting', () => {
    expect(isTameMarkdown(`${'1. '.repeat(30)}x`)).toBe(false);
    expect(isTameMarkdown(`${'1. '.repeat(20)}x`)).toBe(true);
    expect(isTameMarkdown(`${'- > '.repeat(20)}x`)).toBe(false);
  });

  it('gives a preview of a hostile note from its words as written', () => {
    expect(markdownPreview(`${'- '.repeat(8000)}x`, 10)).toBe('- - - - - …');
    expect(markdownPreview('*a_'.repeat(20000), 9)).toBe('*a_*a_*a_…');
    expect(markdownPreview(`${'word '.repeat(4 * 1024 * 1024)}`, 9)).toBe('word word…');
  });

  it("refuses to the editor's parser only one block built to crawl, not a long or deep note", () => {
    // One paragraph of 20,000 `[a](` held CodeMirror's 50 ms parse step for 6 s.
    expect(isTameForEditor('[a]('.repeat(20000))).toBe(false);
    expect(isTameForEditor('*a_'.repeat(20000))).toBe(false);
    expect(isTameForEditor(`${'- '.repeat(8000)}x`)).toBe(false);
    expect(isTameForEditor('Some **bold** [x](https://a.b) text\n\n'.repeat(100_000))).toBe(true);
    expect(isTameForEditor('- x\n'.repeat(16000))).toBe(true);
  });
});
