import { describe, expect, it } from 'vitest';
import { isTaskDone, toggleTaskAtLine, toggleTaskLine } from './checklist';

describe('checklist items', () => {
  it('toggles the box of bulleted, numbered, indented and quoted items', () => {
    expect(toggleTaskLine('- [ ] milk')).toBe('- [x] milk');
    expect(toggleTaskLine('- [x] milk')).toBe('- [ ] milk');
    expect(toggleTaskLine('* [X] milk')).toBe('* [ ] milk');
    expect(toggleTaskLine('  12) [ ] eggs')).toBe('  12) [x] eggs');
    expect(toggleTaskLine('> - [ ] tea')).toBe('> - [x] tea');
    expect(toggleTaskLine('- [ ]')).toBe('- [x]');
  });

  it('leaves other lines alone', () => {
    expect(toggleTaskLine('- milk')).toBeNull();
    expect(toggleTaskLine('[ ] not a list')).toBeNull();
    expect(toggleTaskLine('-[ ] no space')).toBeNull();
    expect(toggleTaskLine('- [y] other mark')).toBeNull();
    expect(toggleTaskLine('text - [ ] later')).toBeNull();
  });

  it('tells a ticked item', () => {
    expect(isTaskDone('- [x] a')).toBe(true);
    expect(isTaskDone('- [ ] a')).toBe(false);
    expect(isTaskDone('- a')).toBe(false);
  });

  it('toggles the item on a 1-based line of a text', () => {
    const text = '# List\n- [ ] one\n- [x] two';
    expect(toggleTaskAtLine(text, 2)).toBe('# List\n- [x] one\n- [x] two');
    expect(toggleTaskAtLine(text, 3)).toBe('# List\n- [ ] one\n- [ ] two');
    expect(toggleTaskAtLine(text, 1)).toBeNull();
    expect(toggleTaskAtLine(text, 4)).toBeNull();
  });
});
