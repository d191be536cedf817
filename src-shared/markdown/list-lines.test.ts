import { describe, expect, it } from 'vitest';
import { toggleListLines } from './list-lines';

describe('list conversions', () => {
  it('makes plain lines into each kind of list, keeping indentation and blank lines', () => {
    const lines = ['milk', '  eggs', '', 'bread'];
    expect(toggleListLines(lines, 'bullet')).toEqual(['- milk', '  - eggs', '', '- bread']);
    expect(toggleListLines(lines, 'numbered')).toEqual(['1. milk', '  2. eggs', '', '3. bread']);
    expect(toggleListLines(lines, 'checklist')).toEqual(['- [ ] milk', '  - [ ] eggs', '', '- [ ] bread']);
  });

  it('removes the markers when every line already is that kind', () => {
    expect(toggleListLines(['- a', '* b'], 'bullet')).toEqual(['a', 'b']);
    expect(toggleListLines(['1. a', '2) b'], 'numbered')).toEqual(['a', 'b']);
    expect(toggleListLines(['- [ ] a', '- [x] b', '- [ ]'], 'checklist')).toEqual(['a', 'b', '']);
  });

  it('converts between kinds, a checklist keeping its ticks', () => {
    expect(toggleListLines(['- a', '1. b', '- [x] c'], 'checklist')).toEqual([
      '- [ ] a',
      '- [ ] b',
      '- [x] c',
    ]);
    expect(toggleListLines(['- [x] a', '- [ ] b'], 'numbered')).toEqual(['1. a', '2. b']);
    expect(toggleListLines(['1. a', 'b'], 'bullet')).toEqual(['- a', '- b']);
  });

  it('turns an empty line into an empty item', () => {
    expect(toggleListLines([''], 'bullet')).toEqual(['']);
    expect(toggleListLines(['x'], 'checklist')).toEqual(['- [ ] x']);
  });
});
