import { describe, expect, it } from 'vitest';
import { diffLines, LCS_CELL_LIMIT } from './line-diff';

const render = (before: string, after: string) =>
  diffLines(before, after).map((line) => ({ same: ' ', removed: '-', added: '+' })[line.kind] + line.text);

describe('diffLines', () => {
  it('marks the lines only in the current note as removed and those only in the backup as added', () => {
    expect(render('milk\neggs\nbread', 'milk\noat milk\nbread\njam')).toEqual([
      ' milk',
      '-eggs',
      '+oat milk',
      ' bread',
      '+jam',
    ]);
  });

  it('keeps a longest run of common lines, even when they moved past changed ones', () => {
    expect(render('a\nb\nc\nd', 'b\nc\nx\nd')).toEqual(['-a', ' b', ' c', '+x', ' d']);
  });

  it('handles empty texts and identical ones', () => {
    expect(render('', 'one')).toEqual(['+one']);
    expect(render('one', '')).toEqual(['-one']);
    expect(render('', '')).toEqual([]);
    expect(render('same\ntext', 'same\ntext')).toEqual([' same', ' text']);
    expect(render('a\r\nb', 'a\nb')).toEqual([' a', ' b']);
  });

  it('falls back to removed-then-added for huge changes, keeping the common head and tail', () => {
    const side = Math.ceil(Math.sqrt(LCS_CELL_LIMIT));
    const before = ['top', ...Array.from({ length: side }, (_, i) => `old ${i}`), 'end'].join('\n');
    const after = ['top', ...Array.from({ length: side }, (_, i) => `new ${i}`), 'end'].join('\n');
    const lines = diffLines(before, after);
    expect(lines[0]).toEqual({ kind: 'same', text: 'top' });
    expect(lines[1]).toEqual({ kind: 'removed', text: 'old 0' });
    expect(lines[side + 1]).toEqual({ kind: 'added', text: 'new 0' });
    expect(lines.at(-1)).toEqual({ kind: 'same', text: 'end' });
    expect(lines).toHaveLength(2 * side + 2);
  });
});
