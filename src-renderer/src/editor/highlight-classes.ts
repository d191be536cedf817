import { tagHighlighter, tags } from '@lezer/highlight';

/**
 * Class names, never colours: the editor and the reading view put these classes on text and
 * markdown.css colours them from theme tokens, so both themes and the contrast checks cover them.
 */

/** Markdown's own structure in the editor: heading sizes, emphasis, links, code, markers. */
export const markdownHighlighter = tagHighlighter([
  { tag: tags.heading1, class: 'md-h1' },
  { tag: tags.heading2, class: 'md-h2' },
  { tag: tags.heading3, class: 'md-h3' },
  { tag: [tags.heading4, tags.heading5, tags.heading6], class: 'md-h4' },
  { tag: tags.strong, class: 'md-strong' },
  { tag: tags.emphasis, class: 'md-em' },
  { tag: tags.strikethrough, class: 'md-strike' },
  { tag: tags.link, class: 'md-link' },
  { tag: tags.url, class: 'md-url' },
  { tag: tags.monospace, class: 'md-code' },
  { tag: tags.quote, class: 'md-quote' },
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.labelName], class: 'md-mark' },
]);

/**
 * Code inside fenced blocks (and raw HTML), in the editor and the reading view alike: a few
 * kinds of token, each one class, so a theme needs only a handful of syntax colours.
 */
export const codeHighlighter = tagHighlighter([
  {
    tag: [
      tags.keyword,
      tags.controlKeyword,
      tags.operatorKeyword,
      tags.definitionKeyword,
      tags.moduleKeyword,
    ],
    class: 'tok-keyword',
  },
  { tag: [tags.string, tags.special(tags.string), tags.regexp, tags.character], class: 'tok-string' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], class: 'tok-comment' },
  { tag: [tags.number, tags.integer, tags.float, tags.bool, tags.null, tags.atom], class: 'tok-number' },
  {
    tag: [
      tags.function(tags.variableName),
      tags.function(tags.propertyName),
      tags.definition(tags.variableName),
    ],
    class: 'tok-function',
  },
  { tag: [tags.typeName, tags.className, tags.namespace, tags.tagName], class: 'tok-type' },
  { tag: [tags.propertyName, tags.attributeName], class: 'tok-property' },
  { tag: [tags.meta, tags.annotation], class: 'tok-meta' },
]);
