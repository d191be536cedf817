import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';

/**
 * A note's Markdown as a syntax tree (mdast): CommonMark plus GitHub's tables, task lists,
 * strikethrough, autolinked addresses and footnotes, as the editor highlights them. The one
 * set of parser options, for the reading view and the list previews alike. Raw HTML becomes
 * `html` nodes, which every consumer shows as text.
 */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}
