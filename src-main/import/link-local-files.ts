import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toString } from 'mdast-util-to-string';
import { attachmentMarkdown } from '../../src-shared/attachments';
import { isTameMarkdown } from '../../src-shared/markdown/markdown-parse-guard';
import { IMPORT_LIMITS } from './import-limits';
import type { ImportedAttachment, SkippedItem } from './imported-note';
import { linkBlocks } from './link-blocks';
import { readAttachmentFile } from './read-attachment-file';

export interface LocalFiles {
  /** The imported folder, resolved through links: nothing outside it is read. */
  realRoot: string;
  /** The folder the note's relative links start from. */
  baseFolder: string;
  /** Lower-case file name -> absolute paths, for Obsidian's `![[name]]`, which names a file anywhere in the vault. */
  byName: ReadonlyMap<string, readonly string[]>;
}

export interface LinkedBody {
  body: string;
  attachments: ImportedAttachment[];
  skipped: SkippedItem[];
}

interface Replacement {
  start: number;
  end: number;
  target: string;
  text: string;
  /** Images and embeds must resolve, so a missing one is reported; a plain link may point anywhere. */
  mustExist: boolean;
  image: boolean;
  resolve: () => string | null;
}

const IMAGE_EXTENSIONS = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'webp',
  'svg',
  'bmp',
  'tif',
  'tiff',
  'heic',
  'avif',
]);
// ![[target#heading|alias]]: Obsidian's embed; target may hold a path, the alias a width ("300" or "300x200").
const EMBED = /!\[\[([^\]|#^\n]+)(?:[#^][^\]|\n]*)?(?:\|([^\]\n]*))?\]\]/g;

/**
 * Turns a Markdown note's references to files next to it into attachments: standard images
 * `![alt](img/a.png)`, links to files that are not notes `[report](files/r.pdf)`, and Obsidian's
 * embeds `![[a.png]]` / `![[a.png|300]]`. Each becomes an `attachment:<sha256>` link
 * (src-shared/attachment-ref.ts) and its bytes are returned to store. References inside code
 * stay text (the Markdown is parsed, not searched, paragraph by paragraph). A missing or refused image is reported and
 * its reference left as written, so the note still imports and nothing of its text is lost.
 */
export function linkLocalFiles(body: string, files: LocalFiles, item: string): LinkedBody {
  const replacements: Replacement[] = [];
  let parseBudget = PARSE_BUDGET_CHARS;
  // Only the paragraphs that may link a file are read (link-blocks.ts); most notes have none.
  for (const { start, end } of linkBlocks(body)) {
    const block = body.slice(start, end);
    if (!MARKDOWN_LINK.test(block)) {
      // Embeds only: no parse, but code spans are blanked first, so `![[a.png]]` stays text.
      collectEmbeds(blankCodeSpans(block), start, files, replacements);
    } else if (block.length <= parseBudget && isTameMarkdown(block)) {
      // CommonMark alone finds links and images; GFM's extensions would triple the parser's
      // fixed cost per call (about 1.5 ms) for nothing links need.
      parseBudget -= block.length;
      collect(fromMarkdown(block), body, start, files, replacements);
    } else {
      // Past the budget, or built to make the parser crawl: plain links found by pattern.
      const text = blankCodeSpans(block);
      collectPlainLinks(text, start, files, replacements);
      collectEmbeds(text, start, files, replacements);
    }
  }
  if (replacements.length === 0) return { body, attachments: [], skipped: [] };

  const result: LinkedBody = { body, attachments: [], skipped: [] };
  let totalBytes = 0;
  const pieces: string[] = [];
  let cursor = 0;
  for (const replacement of replacements.sort((a, b) => a.start - b.start)) {
    // Two finds over the same text (a pattern's and an embed's) keep the first.
    if (replacement.start < cursor) continue;
    const resolved = replacement.resolve();
    const read =
      resolved === null ? ({ kind: 'missing' } as const) : readAttachmentFile(files.realRoot, resolved);
    if (read.kind !== 'attachment') {
      if (read.kind === 'refused' || replacement.mustExist) {
        const what = replacement.image ? 'image' : 'file';
        result.skipped.push({
          item: `${item}: ${replacement.target}`,
          reason:
            read.kind === 'missing'
              ? `the ${what} was not found; the note was imported without it`
              : `${read.reason.replace(/\.$/, '')}; the note was imported without it`,
        });
      }
      continue;
    }
    const { attachment } = read;
    const known = result.attachments.some((a) => a.sha256 === attachment.sha256);
    if (!known) {
      if (
        result.attachments.length >= IMPORT_LIMITS.maxAttachmentsPerNote ||
        totalBytes + attachment.bytes.length > IMPORT_LIMITS.maxAttachmentBytesPerNote
      ) {
        result.skipped.push({
          item: `${item}: ${replacement.target}`,
          reason: 'the note refers to too many files to attach them all; the first ones were attached',
        });
        continue;
      }
      totalBytes += attachment.bytes.length;
      result.attachments.push(attachment);
    }
    pieces.push(
      body.slice(cursor, replacement.start),
      attachmentMarkdown({
        sha256: attachment.sha256,
        fileName: replacement.text,
        isImage: replacement.image,
      }),
    );
    cursor = replacement.end;
  }
  pieces.push(body.slice(cursor));
  result.body = pieces.join('');
  return result;
}

const MARKDOWN_LINK = /\]\(/;

/** The text with each inline code span replaced by spaces of the same length (offsets kept). */
function blankCodeSpans(text: string): string {
  return text.replace(/(?<!`)(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, (span) => ' '.repeat(span.length));
}

function collect(node: Nodes, body: string, offset: number, files: LocalFiles, out: Replacement[]): void {
  const nodeStart = node.position?.start.offset;
  const nodeEnd = node.position?.end.offset;
  if (nodeStart !== undefined && nodeEnd !== undefined) {
    // Positions are within the parsed block, which starts at `offset` in the body.
    const start = offset + nodeStart;
    const end = offset + nodeEnd;
    if (node.type === 'image' || node.type === 'link') {
      const image = node.type === 'image';
      pushLink(
        out,
        { start, end, url: node.url, text: image ? (node.alt ?? '') : toString(node), image },
        files,
      );
      return;
    }
    if (node.type === 'text') collectEmbeds(body.slice(start, end), start, files, out);
  }
  if ('children' in node) for (const child of node.children) collect(child, body, offset, files, out);
}

function pushLink(
  out: Replacement[],
  link: { start: number; end: number; url: string; text: string; image: boolean },
  files: LocalFiles,
): void {
  const target = localTarget(link.url);
  if (target === null || /\.(md|markdown)$/i.test(target)) return;
  const { start, end, text, image } = link;
  out.push({
    start,
    end,
    target,
    text,
    mustExist: image,
    image,
    resolve: () => resolveLink(target, image, files),
  });
}

/**
 * How much Markdown of one note is parsed (about 7 µs a character here); each block must also
 * pass the shared guard (src-shared/markdown/markdown-parse-guard.ts), which turns away the
 * shapes that make the parser crawl. A note built that way, or past the budget, still gets its
 * plain `![alt](file)` and `[text](file)` links, found by pattern.
 */
const PARSE_BUDGET_CHARS = 256 * 1024;

// ![alt](target) or [text](target), one line, no nested brackets; target bare or in <...>, with an optional "title".
const PLAIN_LINK = /(!?)\[((?:[^[\]\\\n]|\\.){0,1000})\]\(\s*(<[^<>\n]*>|[^\s()<>]+)(?:\s+"[^"\n]*")?\s*\)/g;

function collectPlainLinks(source: string, offset: number, files: LocalFiles, out: Replacement[]): void {
  for (const match of source.matchAll(PLAIN_LINK)) {
    const url = (match[3] ?? '').replace(/^<|>$/g, '');
    const text = (match[2] ?? '').replace(/\\(.)/g, '$1');
    const start = offset + match.index;
    pushLink(out, { start, end: start + match[0].length, url, text, image: match[1] === '!' }, files);
  }
}

function collectEmbeds(source: string, offset: number, files: LocalFiles, out: Replacement[]): void {
  for (const match of source.matchAll(EMBED)) {
    const target = (match[1] ?? '').trim();
    const extension = /\.([a-z0-9]+)$/i.exec(target)?.[1]?.toLowerCase();
    // No extension, or .md: an embedded note, which stays as written.
    if (extension === undefined || extension === 'md') continue;
    const alias = (match[2] ?? '').trim();
    out.push({
      start: offset + match.index,
      end: offset + match.index + match[0].length,
      target,
      // A width is layout, not a name; any other alias is the text to show.
      text: alias === '' || /^\d+(x\d+)?$/.test(alias) ? path.posix.basename(target) : alias,
      mustExist: true,
      image: IMAGE_EXTENSIONS.has(extension),
      resolve: () => resolveEmbed(target, files),
    });
  }
}

/** Beside the note as written; an image not there is looked for as Obsidian's links find it. */
function resolveLink(target: string, image: boolean, files: LocalFiles): string {
  const beside = path.resolve(files.baseFolder, target);
  if (!image || fs.lstatSync(beside, { throwIfNoEntry: false }) !== undefined) return beside;
  return resolveEmbed(target, files) ?? beside;
}

/** Obsidian looks beside the note, then from the vault's top, then for the name anywhere. */
function resolveEmbed(target: string, files: LocalFiles): string | null {
  const beside = path.resolve(files.baseFolder, target);
  const fromTop = path.resolve(files.realRoot, target);
  for (const candidate of [beside, fromTop])
    if (files.byName.get(path.basename(candidate).toLowerCase())?.includes(candidate)) return candidate;
  const anywhere = files.byName.get(path.posix.basename(target).toLowerCase());
  // The shortest path wins, as Obsidian prefers the least nested file of that name.
  return anywhere === undefined || anywhere.length === 0
    ? null
    : ([...anywhere].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0] ?? null);
}

/** The file a link's URL names, relative to the note; null for web links, anchors and attachment: links. */
function localTarget(url: string): string | null {
  if (url === '' || url.startsWith('#') || url.startsWith('//')) return null;
  // A scheme (http:, mailto:, attachment:, data:, file:) is not a file beside the note; a Windows
  // drive letter ("C:") is an absolute path, refused later as outside the folder.
  if (/^[a-z][a-z0-9+.-]+:/i.test(url)) return null;
  const withoutFragment = url.replace(/[?#].*$/, '');
  try {
    return decodeURIComponent(withoutFragment);
  } catch {
    return withoutFragment;
  }
}
