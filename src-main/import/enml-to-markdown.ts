import type { EnmlElement, EnmlNode } from './enml-tree';

export interface EnmlContext {
  /** The Markdown for `<en-media hash=…>`: an attachment link, or text saying it is missing. */
  media(hash: string, type: string | undefined): string;
  /** Called for content NoteVault cannot keep as it was (Evernote-encrypted text). */
  lost(what: string): void;
}

const HEADINGS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const BLOCKS = new Set([
  ...Object.keys(HEADINGS),
  'div',
  'p',
  'ul',
  'ol',
  'li',
  'table',
  'blockquote',
  'pre',
  'hr',
  'center',
  'section',
  'article',
  'header',
  'footer',
  'dl',
  'dt',
  'dd',
  'en-note',
  'address',
  'figure',
  'font-block',
]);
// The markers en-todo writes inline; literal brackets in text are escaped, so only these start a task.
const TODO = /^\[( |x)\] /;

/**
 * ENML to Markdown (GFM): headings, emphasis, strikethrough, links, lists (nested), checkboxes
 * (`<en-todo>` and Evernote 10's `--en-todo` lists) as `- [ ]`/`- [x]`, tables as GFM tables,
 * code blocks, quotes, rules, and `<en-media>` through the context. Text is escaped so that what
 * read as text in Evernote reads as text here ("1. ", "#tag" and "*" at a line start stay text).
 * Anything not understood keeps its text.
 */
export function enmlToMarkdown(root: EnmlElement, context: EnmlContext): string {
  const markdown = blocks(root.children, context);
  return markdown.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\s+$/g, '') + (markdown.trim() === '' ? '' : '\n');
}

/** Block children separated by blank lines; inline runs between them become paragraphs. */
function blocks(nodes: readonly EnmlNode[], context: EnmlContext): string {
  const out: string[] = [];
  let inlineRun: EnmlNode[] = [];
  const flush = (): void => {
    const paragraph = paragraphText(inline(inlineRun, context));
    if (paragraph !== '') out.push(paragraph);
    inlineRun = [];
  };
  for (const node of nodes) {
    if (typeof node !== 'string' && isBlock(node)) {
      flush();
      const text = block(node, context);
      if (text.trim() !== '') out.push(text);
    } else {
      inlineRun.push(node);
    }
  }
  flush();
  // Evernote writes a checklist as one <div> per item: consecutive task blocks are one list.
  return out.reduce((text, part, index) => {
    if (index === 0) return part;
    const tight = isTaskList(part) && isTaskList(out[index - 1] ?? '');
    return `${text}${tight ? '\n' : '\n\n'}${part}`;
  }, '');
}

function isTaskList(block: string): boolean {
  return block.split('\n').every((line) => /^- \[[ x]\] /.test(line));
}

function isBlock(element: EnmlElement): boolean {
  return BLOCKS.has(element.name) || element.name === 'table' || isCodeBlock(element);
}

function block(element: EnmlElement, context: EnmlContext): string {
  if (isCodeBlock(element) || element.name === 'pre') return fence(plainText(element));
  const level = HEADINGS[element.name];
  if (level !== undefined) {
    const text = inline(element.children, context)
      .replace(/\s*\n\s*/g, ' ')
      .trim();
    return text === '' ? '' : `${'#'.repeat(level)} ${text}`;
  }
  switch (element.name) {
    case 'ul':
    case 'ol':
      return list(element, context);
    case 'table':
      return table(element, context);
    case 'blockquote':
      return blocks(element.children, context)
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n');
    case 'hr':
      return '---';
    default:
      // div, p and friends: a div holding only inline content is one paragraph.
      return element.children.some((child) => typeof child !== 'string' && isBlock(child))
        ? blocks(element.children, context)
        : paragraphText(inline(element.children, context));
  }
}

/**
 * A paragraph's lines: a line starting with a checkbox becomes a task item, other lines are
 * joined by hard breaks (Evernote's <br> is a line break a person meant) and escaped where a
 * line start would otherwise read as Markdown.
 */
function paragraphText(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^[ \t\u00a0]+|[ \t\u00a0]+$/g, ''))
    .filter((line, index, all) => line !== '' || (index > 0 && all[index - 1] !== ''));
  const out: string[] = [];
  let previousTask: boolean | null = null;
  for (const line of lines) {
    if (line === '') continue;
    const task = TODO.test(line);
    if (previousTask !== null && task !== previousTask) out.push('');
    else if (previousTask === false && out.length > 0) out[out.length - 1] += '\\';
    out.push(task ? `- ${line}` : escapeLineStart(line));
    previousTask = task;
  }
  return out.join('\n');
}

function escapeLineStart(line: string): string {
  return line
    .replace(/^(#{1,6})(?=\s|$)/, '\\$1')
    .replace(/^([>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function list(element: EnmlElement, context: EnmlContext): string {
  const ordered = element.name === 'ol';
  // Evernote 10 writes checklists as <ul style="--en-todo:true"><li style="--en-checked:true">.
  const todo = /--en-todo\s*:\s*true/.test(element.attributes.style ?? '');
  const items = element.children.filter(
    (child): child is EnmlElement => typeof child !== 'string' && child.name === 'li',
  );
  const nested = element.children.filter(
    (child): child is EnmlElement =>
      typeof child !== 'string' && (child.name === 'ul' || child.name === 'ol'),
  );
  const lines: string[] = [];
  items.forEach((item, index) => {
    let marker = ordered ? `${index + 1}. ` : '- ';
    if (todo) marker += /--en-checked\s*:\s*true/.test(item.attributes.style ?? '') ? '[x] ' : '[ ] ';
    let content = listItem(item, context);
    // A task written with <en-todo> inside the item: its marker follows the bullet.
    if (!todo && !ordered && TODO.test(content)) content = content.replace(/^- /, '');
    const [first = '', ...rest] = content.split('\n');
    const indent = ' '.repeat(ordered ? marker.length : 2);
    lines.push(
      `${marker}${first.replace(/^- (?=\[[ x]\] )/, '')}`,
      ...rest.map((line) => (line === '' ? '' : indent + line)),
    );
  });
  // Evernote nests a list as a sibling <ul> after the <li> it belongs to.
  for (const sub of nested)
    lines.push(
      ...list(sub, context)
        .split('\n')
        .map((line) => `  ${line}`),
    );
  return lines.join('\n');
}

function listItem(item: EnmlElement, context: EnmlContext): string {
  const text = blocks(item.children, context).replace(/\n\n+/g, '\n');
  return text.trim() === '' ? '' : text;
}

function table(element: EnmlElement, context: EnmlContext): string {
  const rows: string[][] = [];
  const collectRows = (node: EnmlElement): void => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (child.name === 'tr') {
        rows.push(
          child.children
            .filter(
              (cell): cell is EnmlElement =>
                typeof cell !== 'string' && (cell.name === 'td' || cell.name === 'th'),
            )
            .map((cell) => cellText(cell, context)),
        );
      } else if (child.name !== 'table') {
        collectRows(child);
      }
    }
  };
  collectRows(element);
  if (rows.length === 0) return '';
  const width = Math.max(1, ...rows.map((row) => row.length));
  const padded = rows.map((row) => [...row, ...Array<string>(width - row.length).fill('')]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  // GFM tables need a header row: the first row is it, as Evernote shows it first.
  const [header = [], ...body] = padded;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function cellText(cell: EnmlElement, context: EnmlContext): string {
  // A GFM cell is one line: breaks become spaces (pipes in text are already escaped).
  return blocks(cell.children, context)
    .replace(/\\?\n+/g, ' ')
    .replace(/^- (?=\[[ x]\] )/, '')
    .trim();
}

function isCodeBlock(element: EnmlElement): boolean {
  return /-en-codeblock\s*:\s*true/.test(element.attributes.style ?? '');
}

function fence(code: string): string {
  const body = code.replace(/\u00a0/g, ' ').replace(/\n+$/, '');
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}\n${body}\n${marks}`;
}

/** The text of a code block: line breaks from <br> and block children, nothing escaped. */
function plainText(element: EnmlElement): string {
  let out = '';
  for (const child of element.children) {
    if (typeof child === 'string') out += child;
    else if (child.name === 'br') out += '\n';
    else {
      const inner = plainText(child);
      out += isBlock(child) && out !== '' && !out.endsWith('\n') ? `\n${inner}` : inner;
      if (isBlock(child) && !out.endsWith('\n')) out += '\n';
    }
  }
  return out;
}

/** Inline content as Markdown; <br> and nested blocks become "\n". */
function inline(nodes: readonly EnmlNode[], context: EnmlContext): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeText(node.replace(/[ \t\r\n]+/g, ' '));
      continue;
    }
    out += inlineElement(node, context);
  }
  return out;
}

function inlineElement(element: EnmlElement, context: EnmlContext): string {
  switch (element.name) {
    case 'br':
      return '\n';
    case 'en-todo':
      return element.attributes.checked === 'true' ? '[x] ' : '[ ] ';
    case 'en-media':
      return context.media(element.attributes.hash ?? '', element.attributes.type);
    case 'en-crypt':
      context.lost('Evernote-encrypted text, which NoteVault cannot decrypt');
      return '(encrypted text not imported)';
    case 'b':
    case 'strong':
      return wrap(inline(element.children, context), '**');
    case 'i':
    case 'em':
      return wrap(inline(element.children, context), '*');
    case 's':
    case 'strike':
    case 'del':
      return wrap(inline(element.children, context), '~~');
    case 'code':
    case 'tt':
      return code(plainText(element));
    case 'a':
      return link(element, context);
    case 'img': {
      const src = element.attributes.src ?? '';
      return /^https?:\/\//i.test(src)
        ? `![${escapeText(element.attributes.alt ?? '')}](${linkDestination(src)})`
        : '';
    }
    default:
      if (isBlock(element)) return `\n${inline(element.children, context)}\n`;
      return inline(element.children, context);
  }
}

function link(element: EnmlElement, context: EnmlContext): string {
  const text = inline(element.children, context).replace(/\n+/g, ' ');
  const href = element.attributes.href?.trim() ?? '';
  if (href === '') return text;
  return `[${text.trim() === '' ? escapeText(href) : text}](${linkDestination(href)})`;
}

function linkDestination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
}

/** `**x**` around the text, with its edge spaces moved outside (`** x**` would not be bold). */
function wrap(text: string, mark: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const [, before = '', core = '', after = ''] = match ?? [];
  return core === '' ? text : `${before}${mark}${core}${mark}${after}`;
}

function code(text: string): string {
  const flat = text.replace(/\n/g, ' ');
  if (flat.trim() === '') return flat;
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${marks}${pad}${flat}${pad}${marks}`;
}

/** Characters that would start Markdown syntax inside a line. */
function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`);
}
