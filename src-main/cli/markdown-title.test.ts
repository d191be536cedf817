import { describe, expect, it } from 'vitest';
import {
  encodeFrontMatter,
  encodeHeadingLine,
  parseFrontMatterTitleLine,
  parseHeadingLine,
} from './markdown-title';

describe('parseHeadingLine', () => {
  it.each([
    ['# Title', 'Title'],
    ['#   Spaced   ', 'Spaced'],
    ['#\tTabbed', 'Tabbed'],
    ['   # Indented by three', 'Indented by three'],
    ['# Closed ##', 'Closed'],
    ['# Closed #   ', 'Closed'],
    ['# C#', 'C#'],
    ['# foo#', 'foo#'],
    ['# foo \\#', 'foo #'],
    ['# \\# not a closing run', '# not a closing run'],
    ['# C:\\Users\\me', 'C:\\Users\\me'],
    ['# a \\*b\\*', 'a *b*'],
    ['# **bold** stays raw', '**bold** stays raw'],
    ['# 日本語 🎉', '日本語 🎉'],
  ])('reads %j as %j', (line, title) => {
    expect(parseHeadingLine(line)).toBe(title);
  });

  it.each([
    '## Second level',
    '#NoSpace',
    '    # indented four: code',
    'Title',
    '',
    '#',
    '#   ',
    '# ###',
    '> # quoted',
  ])('does not take %j as a title', (line) => {
    expect(parseHeadingLine(line)).toBeNull();
  });
});

describe('encodeHeadingLine', () => {
  it.each([
    'Plain',
    'C#',
    'foo #',
    'foo ##',
    '#',
    '###',
    '#hashtag',
    '# already a heading',
    'back\\slash',
    'C:\\path\\',
    'escaped \\# already',
    'ends with backslash \\',
    'a \\\\ b',
    '*emphasis* and `code`',
    '👨‍👩‍👧 family',
  ])('writes %j so that it reads back exactly', (title) => {
    const line = encodeHeadingLine(title);
    expect(line).not.toBeNull();
    expect(line?.startsWith('# ')).toBe(true);
    expect(parseHeadingLine(line ?? '')).toBe(title);
  });

  it('writes a plain title without escapes', () => {
    expect(encodeHeadingLine('Plain title')).toBe('# Plain title');
    expect(encodeHeadingLine('foo #')).toBe('# foo \\#');
  });

  it.each(['', ' leading', 'trailing ', '\ttab', 'tab\tinside', 'line\nbreak', 'cr\rhere', 'sep\u2028x'])(
    'refuses %j, which no heading line can hold exactly',
    (title) => {
      expect(encodeHeadingLine(title)).toBeNull();
    },
  );
});

describe('front matter title', () => {
  it.each(['', ' both edges ', 'tab\there', 'quote " and \\ backslash', '--- dashes', '👍'])(
    'round-trips %j through the title line',
    (title) => {
      const block = encodeFrontMatter(title, '\n');
      const lines = block.split('\n');
      expect(lines[0]).toBe('---');
      expect(lines[2]).toBe('---');
      expect(parseFrontMatterTitleLine(lines[1] ?? '')).toBe(title);
    },
  );

  it('uses the given line ending', () => {
    expect(encodeFrontMatter('x', '\r\n')).toBe('---\r\ntitle: "x"\r\n---');
  });

  it.each([
    'title: plain',
    "title: 'single'",
    'title: "unterminated',
    'name: "x"',
    'title: "a" extra',
    'title: "\\q"',
  ])('does not read %j as a title line', (line) => {
    expect(parseFrontMatterTitleLine(line)).toBeNull();
  });
});
