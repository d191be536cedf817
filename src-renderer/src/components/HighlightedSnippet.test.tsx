import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../src-shared/notes';
import { HighlightedSnippet } from './HighlightedSnippet';

describe('HighlightedSnippet', () => {
  it('renders matches as <mark> and escapes everything else', () => {
    const snippet = `a <b>bold</b> ${HIGHLIGHT_START}match${HIGHLIGHT_END} & more`;
    expect(renderToStaticMarkup(<HighlightedSnippet snippet={snippet} />)).toBe(
      '<span class="snippet"><span>a &lt;b&gt;bold&lt;/b&gt; </span><mark>match</mark><span> &amp; more</span></span>',
    );
  });
});
