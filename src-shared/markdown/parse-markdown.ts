import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { isTameMarkdown } from './markdown-parse-guard';

/**
 * A note's Markdown as a syntax tree (mdast): CommonMark plus GitHub's tables, task lists,
 * strikethrough, autolinked addresses and footnotes, as the editor highlights them. The one
 * set of parser options, for the reading view and the list previews alike. Raw HTML becomes
 * `html` nodes, which every consumer shows as text.
 *
 * Null when the text is too long or built in a shape the parser crawls on (markdown-parse-guard.ts):
 * the caller shows it as plain text, so one hostile note cannot hang the window.
 */
export function parseMarkdown(text: string): Root | null {
  if (!isTameMarkdown(text)) return null;
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}
