import { describe, expect, it } from 'vitest';
import { insertLink, toggleEmphasis } from './wrap-selection';
import type { TextEdit } from './wrap-selection';

/** The text after the edit, with the selection shown as [anchor|head]. */
function apply(text: string, edit: TextEdit): string {
  let result = text;
  for (const change of [...edit.changes].sort((a, b) => b.from - a.from)) {
    result = result.slice(0, change.from) + change.insert + result.slice(change.to);
  }
  const { anchor, head } = edit.selection;
  return `${result.slice(0, anchor)}[${result.slice(anchor, head)}]${result.slice(head)}`;
}

describe('bold and italic', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(apply('say hi now', toggleEmphasis('say hi now', 4, 6, '**'))).toBe('say **[hi]** now');
    expect(apply('say hi now', toggleEmphasis('say hi now', 4, 6, '*'))).toBe('say *[hi]* now');
  });

  it('puts the cursor between new markers when nothing is selected', () => {
    expect(apply('ab', toggleEmphasis('ab', 1, 1, '**'))).toBe('a**[]**b');
  });

  it('unwraps markers just outside the selection, or at its ends', () => {
    expect(apply('say **hi** now', toggleEmphasis('say **hi** now', 6, 8, '**'))).toBe('say [hi] now');
    expect(apply('say **hi** now', toggleEmphasis('say **hi** now', 4, 10, '**'))).toBe('say [hi] now');
    expect(apply('a *b* c', toggleEmphasis('a *b* c', 3, 4, '*'))).toBe('a [b] c');
  });

  it('tells italic from bold by the run of stars', () => {
    // Ctrl+I inside bold adds italics; Ctrl+B inside italics adds bold.
    expect(apply('**hi**', toggleEmphasis('**hi**', 2, 4, '*'))).toBe('***[hi]***');
    expect(apply('*hi*', toggleEmphasis('*hi*', 1, 3, '**'))).toBe('***[hi]***');
    expect(apply('***hi***', toggleEmphasis('***hi***', 3, 5, '**'))).toBe('*[hi]*');
    expect(apply('***hi***', toggleEmphasis('***hi***', 3, 5, '*'))).toBe('**[hi]**');
  });
});

describe('links', () => {
  it('wraps text and leaves the cursor where the address goes', () => {
    expect(apply('see docs', insertLink('see docs', 4, 8))).toBe('see [docs]([])');
    expect(apply('', insertLink('', 0, 0))).toBe('[]([])');
  });

  it('makes a selected address the target and leaves the cursor in the text', () => {
    const text = 'at https://example.com/a';
    expect(apply(text, insertLink(text, 3, text.length))).toBe('at [[]](https://example.com/a)');
  });
});
