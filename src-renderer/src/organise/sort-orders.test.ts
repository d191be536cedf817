import { describe, expect, it } from 'vitest';
import { readSortChoice, rememberSortChoice, sortViewKey } from './sort-orders';
import type { SortStore } from './sort-orders';

function memoryStore(initial: Record<string, string> = {}): SortStore & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe('sort orders per view', () => {
  it('are remembered for each view apart, edited being the default', () => {
    const store = memoryStore();
    const work = sortViewKey(false, ['work']);
    rememberSortChoice(store, work, 'title');
    rememberSortChoice(store, 'trash', 'created');
    expect(readSortChoice(store, work)).toBe('title');
    expect(readSortChoice(store, 'trash')).toBe('created');
    expect(readSortChoice(store, sortViewKey(false, []))).toBe('edited');
  });

  it('treat one tag filter in any order and A-Z case as the same view', () => {
    expect(sortViewKey(false, ['work', 'Urgent'])).toBe(sortViewKey(false, ['urgent', 'WORK']));
    expect(sortViewKey(false, ['work'])).not.toBe(sortViewKey(false, ['work', 'urgent']));
    expect(sortViewKey(true, ['work'])).toBe('trash');
  });

  it('ignore what they cannot read, and forget the oldest past 200 views', () => {
    expect(readSortChoice(memoryStore({ 'notevault.sortOrders': '{oops' }), 'all')).toBe('edited');
    expect(readSortChoice(memoryStore({ 'notevault.sortOrders': '{"all":"size"}' }), 'all')).toBe('edited');
    const store = memoryStore();
    for (let i = 0; i < 201; i++) rememberSortChoice(store, `tags:${i}`, 'title');
    expect(readSortChoice(store, 'tags:0')).toBe('edited');
    expect(readSortChoice(store, 'tags:200')).toBe('title');
  });
});
