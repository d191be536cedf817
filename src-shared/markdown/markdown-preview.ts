import type { Nodes } from 'mdast';
import { parseMarkdown } from './parse-markdown';

/**
 * Only the start of a long note is read for its preview: parsing is linear in the text, and a
 * list shows a line of each note. The parser sees a cut block as unfinished, which is harmless.
 */
const READ_CHARS = 2000;

// Blocks whose text ends with a space, so "# Title" and the paragraph after it do not run together.
// Raw HTML is either: spaced when it stands as a block, not when it sits inside a paragraph.
const SPACED: ReadonlySet<Nodes['type']> = new Set(['paragraph', 'heading', 'tableCell', 'code']);
const BLOCK_PARENTS: ReadonlySet<Nodes['type']> = new Set([
  'root',
  'blockquote',
  'listItem',
  'footnoteDefinition',
]);

/**
 * The text a note-list preview shows: the first words of the note without Markdown syntax
 * (heading marks, emphasis, link addresses, image syntax, code fences, list markers and
 * checkboxes, table pipes), blocks joined by a space, at most `maxChars` then an ellipsis.
 * Images show their alternative text; raw HTML shows as written, as the reading view does.
 */
export function markdownPreview(text: string, maxChars = 120): string {
  const start = text.slice(0, READ_CHARS);
  const root = parseMarkdown(start);
  // Built to make the parser crawl: the words as written are still a fair line of the note.
  if (root === null) return clip(start.replace(/\s+/g, ' ').trim(), maxChars);
  let out = '';
  const visit = (node: Nodes, parent: Nodes['type']): void => {
    if (out.length > maxChars * 2) return;
    switch (node.type) {
      case 'text':
      case 'inlineCode':
      case 'html':
      case 'code':
        out += node.value;
        break;
      case 'image':
      case 'imageReference':
        out += node.alt ?? '';
        break;
      case 'break':
        out += ' ';
        break;
      case 'definition':
      case 'footnoteDefinition':
      case 'thematicBreak':
        return;
      default:
        if ('children' in node) for (const child of node.children) visit(child, node.type);
    }
    if (SPACED.has(node.type) || (node.type === 'html' && BLOCK_PARENTS.has(parent))) out += ' ';
  };
  visit(root, 'root');
  return clip(out.replace(/\s+/g, ' ').trim(), maxChars);
}

function clip(line: string, maxChars: number): string {
  return line.length > maxChars ? `${line.slice(0, maxChars)}…` : line;
}
