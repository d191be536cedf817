/**
 * A line diff by longest common subsequence, for showing what bringing a note back from a
 * backup would change before it replaces the current version. Notes are short enough for the
 * quadratic table; past LCS_CELL_LIMIT cells the lines between the common head and tail are
 * shown as all removed then all added, which is still a true (if coarse) difference.
 */
export type DiffLine =
  { kind: 'same'; text: string } | { kind: 'removed'; text: string } | { kind: 'added'; text: string };

/** About 16 MB of Uint32 table: 2,000 × 2,000 changed lines. */
export const LCS_CELL_LIMIT = 4_000_000;

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/);
}

/** The lines of `before` and `after`, each marked same, removed (only in before) or added (only in after). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // The common head and tail need no table.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const same = (text: string): DiffLine => ({ kind: 'same', text });
  return [...a.slice(0, head).map(same), ...diffMiddle(midA, midB), ...a.slice(a.length - tail).map(same)];
}

function diffMiddle(a: string[], b: string[]): DiffLine[] {
  const removed = (text: string): DiffLine => ({ kind: 'removed', text });
  const added = (text: string): DiffLine => ({ kind: 'added', text });
  if ((a.length + 1) * (b.length + 1) > LCS_CELL_LIMIT) return [...a.map(removed), ...b.map(added)];
  const width = b.length + 1;
  // lcs[i * width + j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      lines.push(removed(a[i++] ?? ''));
    } else {
      lines.push(added(b[j++] ?? ''));
    }
  }
  while (i < a.length) lines.push(removed(a[i++] ?? ''));
  while (j < b.length) lines.push(added(b[j++] ?? ''));
  return lines;
}
