/**
 * The stretches of a Markdown note that may hold a link to a local file, so only they are parsed:
 * the Markdown parser costs about 7 µs a character, so a vault of 10,000 notes parsed whole takes
 * minutes, while its links sit in a few short paragraphs. A link never spans a blank line, so the
 * text is cut into blocks at blank lines; fenced code blocks are left out whole (a link there is
 * text), and a block is kept only when it holds `](` with no scheme after it, or `![[`.
 */
export function linkBlocks(text: string): { start: number; end: number }[] {
  const blocks: { start: number; end: number }[] = [];
  let fence: { char: string; length: number } | null = null;
  let blockStart = -1;
  let offset = 0;
  const close = (end: number): void => {
    if (blockStart !== -1 && CANDIDATE.test(text.slice(blockStart, end)))
      blocks.push({ start: blockStart, end });
    blockStart = -1;
  };
  while (offset <= text.length) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 ? text.length : newline;
    const line = text.slice(offset, lineEnd);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== null) {
      if (marker !== undefined && marker[0] === fence.char && marker.length >= fence.length) fence = null;
    } else if (marker !== undefined) {
      close(offset);
      fence = { char: marker[0] ?? '`', length: marker.length };
    } else if (line.trim() === '') {
      close(offset);
    } else if (blockStart === -1) {
      blockStart = offset;
    }
    if (newline === -1) break;
    offset = newline + 1;
  }
  if (fence === null) close(text.length);
  return blocks;
}

// "](" not followed by a URL scheme (http:, mailto:, attachment:), or an Obsidian embed.
const CANDIDATE = /\]\(\s*<?(?![a-z][a-z0-9+.-]+:)|!\[\[/i;
