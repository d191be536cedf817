import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../src-shared/notes';

export interface SnippetSegment {
  text: string;
  highlighted: boolean;
}

/**
 * Splits a search snippet at its HIGHLIGHT_START/END marks. The result is rendered as
 * text nodes and <mark> elements, never as HTML, so note text can contain anything.
 * Unbalanced marks (a snippet cut mid-match) end or start a highlight where they are.
 */
export function splitHighlights(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let highlighted = false;
  let text = '';
  const push = () => {
    if (text !== '') segments.push({ text, highlighted });
    text = '';
  };
  for (const char of snippet) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      push();
      highlighted = char === HIGHLIGHT_START;
    } else {
      text += char;
    }
  }
  push();
  return segments;
}
