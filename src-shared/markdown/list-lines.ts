/**
 * Turning lines into a bulleted, numbered or checklist list, and back (Shift+Ctrl+8, 7, 9).
 * Applied to whole lines: if every non-blank line already is that kind of item the markers go,
 * otherwise every non-blank line becomes one, keeping its indentation (and a checklist item's
 * tick when it stays a checklist).
 */
export type ListKind = 'bullet' | 'numbered' | 'checklist';

interface ParsedLine {
  indent: string;
  kind: ListKind | null;
  done: boolean;
  content: string;
}

const ITEM = /^([ \t]*)(?:([-*+])|(\d{1,9})[.)])[ \t]+(?:\[([ xX])\][ \t]+)?(.*)$/;
// A box with nothing after it ("- [ ]" at the end of a line) is still a checklist item.
const EMPTY_TASK = /^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\][ \t]*$/;

function parse(line: string): ParsedLine {
  const empty = EMPTY_TASK.exec(line);
  if (empty) return { indent: empty[1] ?? '', kind: 'checklist', done: empty[2] !== ' ', content: '' };
  const item = ITEM.exec(line);
  if (!item) {
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    return { indent, kind: null, done: false, content: line.slice(indent.length) };
  }
  const [, indent = '', bullet, , box, content = ''] = item;
  const kind: ListKind = box !== undefined ? 'checklist' : bullet !== undefined ? 'bullet' : 'numbered';
  return { indent, kind, done: box !== undefined && box !== ' ', content };
}

const isBlank = (line: string) => line.trim() === '';

/** `lines` as a list of `kind`, or without list markers when they all were one already. */
export function toggleListLines(lines: readonly string[], kind: ListKind): string[] {
  const parsed = lines.map((line) => (isBlank(line) ? null : parse(line)));
  const items = parsed.filter((line): line is ParsedLine => line !== null);
  const removing = items.length > 0 && items.every((line) => line.kind === kind);
  let number = 0;
  return lines.map((line, index) => {
    const parts = parsed[index];
    if (!parts) return line;
    if (removing) return parts.indent + parts.content;
    number += 1;
    const marker =
      kind === 'bullet'
        ? '- '
        : kind === 'numbered'
          ? `${number}. `
          : `- [${parts.kind === 'checklist' && parts.done ? 'x' : ' '}] `;
    return parts.indent + marker + parts.content;
  });
}
