/**
 * How a note's title is written into, and read back from, the first lines of a Markdown
 * file: as a level-1 ATX heading (`# Title`) whenever that reads back exactly, else as a
 * one-key YAML front matter block whose value is a JSON string (`title: "..."`), which
 * can hold any text, including edge spaces, line breaks and an empty title.
 */

// CommonMark lets any ASCII punctuation character be backslash-escaped.
const ESCAPABLE = /\\([!-/:-@[-`{-~])/g;
const BACKSLASH_BEFORE_ESCAPABLE = /\\(?=[!-/:-@[-`{-~])/g;

export const FRONT_MATTER_FENCE = '---';
const FRONT_MATTER_TITLE = /^title: ("(?:[^"\\]|\\.)*")[ \t]*$/;

/**
 * The text of a level-1 ATX heading line (no line break), or null when the line is not
 * one or its text is empty. Follows CommonMark: up to three spaces of indentation, an
 * optional closing run of `#`, surrounding spaces trimmed, backslash escapes resolved.
 */
export function parseHeadingLine(line: string): string | null {
  const match = /^ {0,3}#(?=[ \t]|$)(.*)$/.exec(line);
  if (match === null) return null;
  let content = (match[1] ?? '').replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  content = /^#+$/.test(content) ? '' : content.replace(/[ \t]+#+$/, '');
  content = content.replace(ESCAPABLE, '$1');
  return content === '' ? null : content;
}

/** `# title`, or null when no heading line reads back as exactly this title. */
export function encodeHeadingLine(title: string): string | null {
  if (hasControlCharacter(title)) return null;
  let escaped = title.replace(BACKSLASH_BEFORE_ESCAPABLE, '\\\\');
  // A trailing `#` run after a space would be read as the heading's closing sequence.
  escaped = escaped.replace(/(^|[ \t])(#+)$/, '$1\\$2');
  const line = `# ${escaped}`;
  return parseHeadingLine(line) === title ? line : null;
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || code === 0x7f || code === 0x2028 || code === 0x2029) return true;
  }
  return false;
}

/**
 * The lines of a title front matter block (plus any `extraLines` after the title), joined by
 * `eol`, without a final line break.
 */
export function encodeFrontMatter(title: string, eol: string, extraLines: readonly string[] = []): string {
  // JSON escapes quotes, backslashes and control characters, and a JSON string is a
  // valid YAML double-quoted scalar, so other Markdown tools read the same title.
  return [FRONT_MATTER_FENCE, `title: ${JSON.stringify(title)}`, ...extraLines, FRONT_MATTER_FENCE].join(eol);
}

/** The title in a `title: "..."` front matter line, or null when the line is not exactly that. */
export function parseFrontMatterTitleLine(line: string): string | null {
  const match = FRONT_MATTER_TITLE.exec(line);
  if (match?.[1] === undefined) return null;
  try {
    const value: unknown = JSON.parse(match[1]);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
