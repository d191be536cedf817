import { isValidElement } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AttachmentRenderersProvider, PLACEHOLDER_ATTACHMENTS } from './attachment-renderers';
import type { AttachmentImageProps } from './attachment-renderers';
import { MarkdownView } from './MarkdownView';
import { collectDefinitions, renderChildren } from './render-markdown';
import { parseMarkdown } from '../../../src-shared/markdown/parse-markdown';

const ignore = () => undefined;
const render = (text: string) =>
  renderToStaticMarkup(<MarkdownView text={text} onToggleTask={ignore} onOpenLink={ignore} />);
const SHA = 'ab'.repeat(32);

describe('the reading view', () => {
  it('shows a note built to make the parser crawl as plain text, with a sentence saying so', () => {
    // 8,000 nested list items: parsed, this took 80 s, then overflowed the stack.
    const deep = `${'- '.repeat(8000)}<b>deep</b>`;
    const html = render(deep);
    expect(html).toContain(
      '<p class="markdown-plain-notice">This note is too long or too deeply nested to show formatted; it is shown as plain text.</p>',
    );
    expect(html).toContain(`<div class="markdown-plain">${'- '.repeat(8000)}&lt;b&gt;deep&lt;/b&gt;</div>`);
    expect(render(`${'> '.repeat(8000)}quoted`)).toContain('markdown-plain-notice');
    expect(render('# Fine\n\n- a\n- b')).not.toContain('markdown-plain');
  });

  it('shows raw HTML as the text it is, never as markup', () => {
    const html = render('<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> there');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img/);
  });

  it('makes links only of http, https and mailto addresses', () => {
    expect(render('[site](https://example.com/a)')).toContain('<a href="https://example.com/a"');
    expect(render('[mail](mailto:a@example.com)')).toContain('<a href="mailto:a@example.com"');
    for (const address of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'app://notevault/',
    ]) {
      const html = render(`[click](${address})`);
      expect(html).not.toContain('<a');
      expect(html).toContain('<span class="md-link-text">click</span>');
    }
    expect(render('see www.example.com')).toContain('<a href="http://www.example.com/"');
  });

  it('draws attachment images through the attachment renderers, a chip of the alt text by default', () => {
    expect(render(`![the harbour](attachment:${SHA})`)).toContain(
      '<span class="md-attachment-chip">the harbour</span>',
    );
    const Image = ({ sha256, alt }: AttachmentImageProps) => <img data-sha={sha256} alt={alt} />;
    const html = renderToStaticMarkup(
      <AttachmentRenderersProvider value={{ ...PLACEHOLDER_ATTACHMENTS, Image }}>
        <MarkdownView text={`![the harbour](attachment:${SHA})`} onToggleTask={ignore} onOpenLink={ignore} />
      </AttachmentRenderersProvider>,
    );
    expect(html).toContain(`<img data-sha="${SHA}" alt="the harbour"/>`);
  });

  it('never fetches an image from the web: it shows its text', () => {
    const html = render('![tracker](https://example.com/pixel.png)');
    expect(html).not.toContain('<img');
    expect(html).toContain('tracker');
  });

  it('draws checklist items as checkboxes, named by their text', () => {
    const html = render('- [ ] milk\n- [x] eggs');
    expect(html).toContain('<input type="checkbox" aria-label="milk"/> milk');
    expect(html).toContain('<input type="checkbox" aria-label="eggs" checked=""/> eggs');
  });

  it('draws headings, emphasis, code and tables', () => {
    const html = render('# Title\n\n*a* **b** ~~c~~ `d`\n\n```\nplain\n```\n\n| x | y |\n|:-|-:|\n| 1 | 2 |');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<em>a</em> <strong>b</strong> <del>c</del> <code class="md-code">d</code>');
    expect(html).toContain('<pre class="md-pre"><code>plain</code></pre>');
    expect(html).toContain('<th scope="col" style="text-align:left">x</th>');
    expect(html).toContain('<td style="text-align:right">2</td>');
  });
});

/** Every element of `type` in a rendered tree (before React turns it into DOM). */
function elementsOf(node: ReactNode, type: string): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap((child: ReactNode) => elementsOf(child, type));
  if (!isValidElement<{ children?: ReactNode }>(node)) return [];
  const own = node.type === type ? [node as ReactElement<Record<string, unknown>>] : [];
  return [...own, ...elementsOf(node.props.children, type)];
}

describe('the reading view, clicked', () => {
  it('toggles a checklist item by the line it is on, and opens links through the callback', () => {
    const toggled: number[] = [];
    const opened: string[] = [];
    const root = parseMarkdown('# List\n\n- [ ] one\n- [x] two [docs](https://example.com/d)');
    if (root === null) throw new Error('a tame note parses');
    const tree = renderChildren(root, {
      attachments: PLACEHOLDER_ATTACHMENTS,
      onToggleTask: (line) => toggled.push(line),
      onOpenLink: (address) => opened.push(address),
      definitions: collectDefinitions(root),
    });
    for (const box of elementsOf(tree, 'input')) (box.props['onChange'] as () => void)();
    expect(toggled).toEqual([3, 4]);
    const [anchor] = elementsOf(tree, 'a');
    let prevented = false;
    (anchor?.props['onClick'] as (event: { preventDefault(): void }) => void)({
      preventDefault: () => (prevented = true),
    });
    expect(opened).toEqual(['https://example.com/d']);
    expect(prevented).toBe(true);
  });
});
