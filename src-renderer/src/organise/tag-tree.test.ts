import { describe, expect, it } from 'vitest';
import { visibleTagRows } from './tag-tree';

const tags = [
  { name: 'home', notes: 1 },
  { name: 'Work', notes: 3 },
  { name: 'work/b', notes: 1 },
  { name: 'work/A', notes: 2 },
  { name: 'work/A/x', notes: 1 },
];

describe('visibleTagRows', () => {
  it('puts tags under their parents, siblings by name without regard to case', () => {
    expect(visibleTagRows(tags, new Set()).map((r) => [r.name, r.level, r.position, r.siblings])).toEqual([
      ['home', 1, 1, 2],
      ['Work', 1, 2, 2],
      ['work/A', 2, 1, 2],
      ['work/A/x', 3, 1, 1],
      ['work/b', 2, 2, 2],
    ]);
  });

  it('leaves out the children of a collapsed tag and says which rows can open', () => {
    const rows = visibleTagRows(tags, new Set(['work/a']));
    expect(rows.map((r) => r.name)).toEqual(['home', 'Work', 'work/A', 'work/b']);
    expect(rows.map((r) => [r.hasChildren, r.expanded])).toEqual([
      [false, false],
      [true, true],
      [true, false],
      [false, false],
    ]);
    expect(rows[2]?.parentKey).toBe('work');
  });
});
