/**
 * Checklist items (`- [ ] milk`, `1. [x] eggs`, also inside a quote: `> - [ ] tea`): finding and
 * toggling their box, on one line of text. The editor's Ctrl+Enter and checkbox clicks and the
 * reading view's checkboxes all toggle through here, so they agree on what an item is.
 */

// Quote markers, indentation, a list marker, then the box. The box's character is group 2.
const TASK_LINE = /^((?:[ \t]*>)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[)([ xX])\]/;

/** Where the box's mark (the space or the x) sits in `line`, or null when it is not a checklist item. */
export function taskMarkOffset(line: string): number | null {
  const match = TASK_LINE.exec(line);
  return match ? (match[1] as string).length : null;
}

/** True when `line` is a checklist item that is ticked. */
export function isTaskDone(line: string): boolean {
  const at = taskMarkOffset(line);
  return at !== null && line[at] !== ' ';
}

/** `line` with its box ticked or cleared, or null when it is not a checklist item. */
export function toggleTaskLine(line: string): string | null {
  const at = taskMarkOffset(line);
  if (at === null) return null;
  return `${line.slice(0, at)}${line[at] === ' ' ? 'x' : ' '}${line.slice(at + 1)}`;
}

/**
 * `text` with the checklist item on 1-based `lineNumber` toggled (the reading view knows items
 * by the line the parser found them on), or null when that line is not a checklist item.
 */
export function toggleTaskAtLine(text: string, lineNumber: number): string | null {
  let start = 0;
  for (let line = 1; line < lineNumber; line++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return null;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const toggled = toggleTaskLine(text.slice(start, end === -1 ? undefined : end));
  if (toggled === null) return null;
  return text.slice(0, start) + toggled + (end === -1 ? '' : text.slice(end));
}
