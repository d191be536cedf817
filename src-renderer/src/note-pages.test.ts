import { describe, expect, it } from 'vitest';
import { NOTE_LIMITS } from '../../src-shared/notes';
import { addPage, readFirst, readNext } from './note-pages';
import type { EntryPage } from './note-pages';

interface Entry {
  id: string;
}

const entries = (count: number, from = 0): Entry[] =>
  Array.from({ length: count }, (_, i) => ({ id: `n${from + i}` }));

/**
 * A view of `all` that answers as the main process does: at most pageMaxSize per request,
 * with the total (or none, like search). `requests` records each one.
 */
function source(all: Entry[], counted = true) {
  const requests: [number, number][] = [];
  const read = (offset: number, limit: number): Promise<EntryPage<Entry>> => {
    if (limit > NOTE_LIMITS.pageMaxSize) throw new Error(`limit ${limit} is above the page maximum`);
    requests.push([offset, limit]);
    return Promise.resolve({ items: all.slice(offset, offset + limit), total: counted ? all.length : null });
  };
  return { read, requests };
}

const ids = (list: Entry[]) => list.map((entry) => entry.id);

describe('readFirst and readNext', () => {
  it('reads one page, then the next, until the total is reached', async () => {
    const { read, requests } = source(entries(250));
    const first = await readFirst(read, 0, 100);
    expect(first).toMatchObject({ total: 250, nextOffset: 100, complete: false });
    const second = await readNext(read, first, 100);
    const third = await readNext(read, second, 100);
    expect(ids(third.entries)).toEqual(ids(entries(250)));
    expect(third).toMatchObject({ total: 250, nextOffset: 250, complete: true });
    expect(requests).toEqual([
      [0, 100],
      [100, 100],
      [200, 100],
    ]);
  });

  it('re-reads as many entries as were shown, in requests the main process accepts', async () => {
    const { read, requests } = source(entries(2000));
    const again = await readFirst(read, 1200, 100);
    expect(ids(again.entries)).toEqual(ids(entries(1200)));
    expect(again).toMatchObject({ nextOffset: 1200, complete: false });
    expect(requests).toEqual([
      [0, 500],
      [500, 500],
      [1000, 200],
    ]);
  });

  it('stops re-reading when the view has fewer notes than were shown', async () => {
    const { read, requests } = source(entries(130));
    const again = await readFirst(read, 700, 100);
    expect(again).toMatchObject({ total: 130, nextOffset: 130, complete: true });
    expect(requests).toEqual([[0, 500]]);
  });

  it('ends an uncounted view (search) at the first short page', async () => {
    const { read } = source(entries(120), false);
    const first = await readFirst(read, 0, 50);
    expect(first).toMatchObject({ total: null, complete: false });
    const last = await readNext(read, await readNext(read, first, 50), 50);
    expect(last).toMatchObject({ nextOffset: 120, complete: true });
    expect(last.entries).toHaveLength(120);
  });

  it('ends an uncounted view whose last page is exactly full at the empty page after it', async () => {
    const { read } = source(entries(50), false);
    const first = await readFirst(read, 0, 50);
    expect(first.complete).toBe(false);
    expect(await readNext(read, first, 50)).toMatchObject({ nextOffset: 50, complete: true });
  });
});

describe('addPage', () => {
  it('skips an entry already shown (it moved between two reads)', () => {
    const loaded = addPage(
      { entries: [], total: null, nextOffset: 0, complete: false },
      { items: entries(3), total: 6 },
      0,
      3,
    );
    const next = addPage(loaded, { items: [{ id: 'n2' }, ...entries(2, 3)], total: 6 }, 3, 3);
    expect(ids(next.entries)).toEqual(['n0', 'n1', 'n2', 'n3', 'n4']);
    // The offset follows what the main process returned, not what was kept.
    expect(next).toMatchObject({ nextOffset: 6, complete: true });
  });

  it('treats an empty page as the end even if the total says otherwise', () => {
    const loaded = { entries: entries(3), total: 3, nextOffset: 3, complete: false };
    expect(addPage(loaded, { items: [], total: 5 }, 3, 100)).toMatchObject({ complete: true });
  });
});
