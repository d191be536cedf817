import { describe, expect, it } from 'vitest';
import { linkBlocks } from './link-blocks';

const slices = (text: string): string[] => linkBlocks(text).map(({ start, end }) => text.slice(start, end));

describe('linkBlocks', () => {
  it('keeps only the paragraphs that may link a local file, cut at blank lines', () => {
    const text = [
      '# Title',
      '',
      'Web only: [site](https://example.com) and [mail](mailto:a@b.c).',
      '',
      'An image ![a](img/a.png)',
      'on two lines ![[b.png|300]]',
      '',
      '> quoted ![q](< q.png >)',
      '',
      'plain text',
    ].join('\n');
    expect(slices(text)).toEqual([
      'An image ![a](img/a.png)\non two lines ![[b.png|300]]\n',
      '> quoted ![q](< q.png >)\n',
    ]);
  });

  it('leaves fenced code out whole, blank lines inside it included, and handles CRLF', () => {
    const text =
      'before ![a](a.png)\r\n\r\n```md\r\n![x](x.png)\r\n\r\n![[y.png]]\r\n```\r\n~~~~\r\n![z](z.png)\r\n~~~~\r\nafter ![[b.png]]';
    expect(slices(text)).toEqual(['before ![a](a.png)\r\n', 'after ![[b.png]]']);
  });

  it('finds nothing in an unclosed fence or a note without links', () => {
    expect(linkBlocks('text\n\n```\n![x](x.png)\n')).toEqual([]);
    expect(linkBlocks('just words\n\nand more')).toEqual([]);
  });
});
