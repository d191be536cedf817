import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';
import { splitHighlights } from './highlight';

const mark = (text: string) => `${HIGHLIGHT_START}${text}${HIGHLIGHT_END}`;

describe('splitHighlights', () => {
  it('splits a snippet into plain and highlighted segments', () => {
    expect(splitHighlights(`…buy ${mark('milk')} and ${mark('eggs')}`)).toEqual([
      { text: '…buy ', highlighted: false },
      { text: 'milk', highlighted: true },
      { text: ' and ', highlighted: false },
      { text: 'eggs', highlighted: true },
    ]);
  });

  it('returns plain text as one segment and an empty snippet as none', () => {
    expect(splitHighlights('no matches here')).toEqual([{ text: 'no matches here', highlighted: false }]);
    expect(splitHighlights('')).toEqual([]);
  });

  it('copes with a snippet cut inside a match', () => {
    expect(splitHighlights(`${HIGHLIGHT_START}cut off`)).toEqual([{ text: 'cut off', highlighted: true }]);
    expect(splitHighlights(`started${HIGHLIGHT_END} after`)).toEqual([
      { text: 'started', highlighted: false },
      { text: ' after', highlighted: false },
    ]);
  });

  it('keeps markup-looking text as text', () => {
    expect(splitHighlights(mark('<img src=x onerror=alert(1)>'))).toEqual([
      { text: '<img src=x onerror=alert(1)>', highlighted: true },
    ]);
  });
});
