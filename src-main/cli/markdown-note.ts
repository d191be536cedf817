import { NOTE_LIMITS } from '../../src-shared/notes';
import {
  FRONT_MATTER_FENCE,
  encodeFrontMatter,
  encodeHeadingLine,
  parseFrontMatterTitleLine,
  parseHeadingLine,
} from './markdown-title';
import { encodeMetadataLines, readMetadataLine } from './markdown-metadata';
import type { NoteMetadata } from './markdown-metadata';

/**
 * The mapping between a note and a Markdown file.
 *
 * Export writes the title as the file's first line (`# Title`, or a `title:` front matter
 * block when a heading cannot hold it exactly), then a blank line, then the body exactly.
 * Import undoes that: a title line at the very top, plus the line break and one blank line
 * after it, is the title and not part of the body. So export-then-import gives back every
 * title and body byte for byte, whatever the file is named.
 *
 * Files written elsewhere: without a title line at the top, the whole file is the body and
 * the title is the first level-1 heading elsewhere in it (outside code blocks), else the
 * file name.
 */

export type TitleSource = 'front-matter' | 'heading' | 'file-name';

export interface MarkdownNote {
  title: string;
  body: string;
  titleSource: TitleSource;
  /**
   * Set when the title found in the file could not be stored as it was (too long, or
   * with line breaks) and was adjusted; says how. The body then keeps the whole file so
   * the original title text is not lost.
   */
  titleAdjustment: string | null;
  /** Tags, pinned and dates from NoteVault's own front matter block (markdown-metadata.ts), else null. */
  metadata: NoteMetadata | null;
}

/**
 * With `metadata` (NoteVault's export) the title goes into a front matter block with the
 * metadata lines; without, it is a `# Title` line whenever that reads back exactly.
 */
export function noteToMarkdown(note: { title: string; body: string }, metadata?: NoteMetadata): string {
  const eol = note.body.includes('\r\n') ? '\r\n' : '\n';
  const titleBlock =
    metadata === undefined
      ? (encodeHeadingLine(note.title) ?? encodeFrontMatter(note.title, eol))
      : encodeFrontMatter(note.title, eol, encodeMetadataLines(metadata));
  return note.body === '' ? titleBlock + eol : titleBlock + eol + eol + note.body;
}

/** `text` is the file's decoded text without a byte order mark; `fileStem` its name without `.md`. */
export function markdownToNote(text: string, fileStem: string): MarkdownNote {
  const top = readTitleBlock(text);
  if (top !== null) {
    const fitted = fitTitle(top.title);
    if (fitted.adjustment === null) {
      return {
        title: top.title,
        body: text.slice(skipBlankLine(text, top.end)),
        titleSource: top.source,
        titleAdjustment: null,
        metadata: top.metadata,
      };
    }
    return {
      title: fitted.title,
      body: text,
      titleSource: top.source,
      titleAdjustment: fitted.adjustment,
      metadata: top.metadata,
    };
  }
  const heading = findFirstHeading(text);
  const fitted = fitTitle(heading ?? fileStem.normalize('NFC'));
  return {
    title: fitted.title,
    body: text,
    titleSource: heading === null ? 'file-name' : 'heading',
    titleAdjustment: fitted.adjustment,
    metadata: null,
  };
}

/** Makes a title acceptable to the notes database, which wants one line of limited length. */
export function fitTitle(title: string): { title: string; adjustment: string | null } {
  const adjustments: string[] = [];
  let result = title;
  if (/[\r\n\u2028\u2029]/.test(result)) {
    result = result.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
    adjustments.push('its line breaks were replaced by spaces');
  }
  if (countCodePoints(result) > NOTE_LIMITS.titleMaxChars) {
    result = shortenTitle(result);
    adjustments.push(`it was shortened to ${NOTE_LIMITS.titleMaxChars} characters`);
  }
  return { title: result, adjustment: adjustments.length === 0 ? null : adjustments.join(' and ') };
}

interface TitleBlock {
  title: string;
  source: 'front-matter' | 'heading';
  /** Index just past the block's last line break (or the end of the text). */
  end: number;
  metadata: NoteMetadata | null;
}

function readTitleBlock(text: string): TitleBlock | null {
  const first = readLine(text, 0);
  if (first.line === FRONT_MATTER_FENCE) {
    const second = readLine(text, first.next);
    const title = parseFrontMatterTitleLine(second.line);
    if (title === null) return null;
    const metadata: NoteMetadata = { tags: [], pinned: false };
    let lines = 0;
    for (let start = second.next; start > 0 && start <= text.length;) {
      const line = readLine(text, start);
      if (line.line === FRONT_MATTER_FENCE && line.next > start)
        return { title, source: 'front-matter', end: line.next, metadata: lines === 0 ? null : metadata };
      // Any other line: someone else's front matter, which stays in the body.
      if (lines >= 4 || line.next >= text.length || !readMetadataLine(line.line, metadata)) return null;
      lines += 1;
      start = line.next;
    }
    return null;
  }
  const title = parseHeadingLine(first.line);
  return title === null ? null : { title, source: 'heading', end: first.next, metadata: null };
}

/** The blank line export puts between the title and the body. */
function skipBlankLine(text: string, index: number): number {
  if (text.startsWith('\r\n', index)) return index + 2;
  if (text.startsWith('\n', index)) return index + 1;
  return index;
}

/** The line starting at `start` without its line break, and where the next line starts. */
function readLine(text: string, start: number): { line: string; next: number } {
  const newline = text.indexOf('\n', start);
  const end = newline === -1 ? text.length : newline;
  const line = text.slice(start, end);
  return { line: line.endsWith('\r') ? line.slice(0, -1) : line, next: newline === -1 ? end : newline + 1 };
}

/**
 * The first non-empty level-1 heading, skipping fenced code blocks (where `# ` starts
 * shell comments) and a leading YAML front matter block (where it starts YAML comments).
 */
export function findFirstHeading(text: string): string | null {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  let index = 0;
  if (lines[0] === FRONT_MATTER_FENCE) {
    const close = lines.findIndex((line, i) => i > 0 && (line === FRONT_MATTER_FENCE || line === '...'));
    if (close !== -1) index = close + 1;
  }
  let fence: { char: string; length: number } | null = null;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence.char && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker !== undefined) {
      fence = { char: marker[0] ?? '`', length: marker.length };
      continue;
    }
    const title = parseHeadingLine(line);
    if (title !== null) return title;
  }
  return null;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Characters as the notes database counts them: code points, so an emoji is one. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (const _char of text) count += 1;
  return count;
}

/** Cuts a title to the limit at a grapheme boundary and marks the cut with an ellipsis. */
export function shortenTitle(title: string, maxChars: number = NOTE_LIMITS.titleMaxChars): string {
  if (countCodePoints(title) <= maxChars) return title;
  let result = '';
  let count = 0;
  for (const { segment } of graphemes.segment(title)) {
    const size = countCodePoints(segment);
    if (count + size > maxChars - 1) break;
    result += segment;
    count += size;
  }
  return `${result.trimEnd()}…`;
}
