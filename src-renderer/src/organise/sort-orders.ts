import type { NoteSortField, SortDirection } from '../../../src-shared/notes';
import { tagKey } from '../../../src-shared/tag-rules';

/** The orders a list can be shown in, each with the direction people expect of it. */
export const SORT_CHOICES = {
  edited: { sort: 'updatedAt', direction: 'desc', label: 'Last edited' },
  created: { sort: 'createdAt', direction: 'desc', label: 'Date created' },
  title: { sort: 'title', direction: 'asc', label: 'Title' },
} as const satisfies Record<string, { sort: NoteSortField; direction: SortDirection; label: string }>;

export type SortChoice = keyof typeof SORT_CHOICES;
export const DEFAULT_SORT: SortChoice = 'edited';

/**
 * The view a sort order is remembered for: all notes, the trash, or one tag filter (its tags
 * in any order and case are the same view, so "work + urgent" is "Urgent + work").
 */
export function sortViewKey(trash: boolean, tags: readonly string[]): string {
  if (trash) return 'trash';
  if (tags.length === 0) return 'all';
  return `tags:${JSON.stringify([...new Set(tags.map(tagKey))].sort())}`;
}

const STORAGE_KEY = 'notevault.sortOrders';
/** Tag filters come and go; the oldest remembered orders are forgotten past this many. */
const MAX_REMEMBERED = 200;

export interface SortStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The remembered orders, newest last; anything unreadable counts as nothing remembered. */
function readAll(store: SortStore): Record<string, SortChoice> {
  try {
    const parsed: unknown = JSON.parse(store.getItem(STORAGE_KEY) ?? '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter(([, value]) => typeof value === 'string' && value in SORT_CHOICES),
    );
  } catch {
    return {};
  }
}

export function readSortChoice(store: SortStore, view: string): SortChoice {
  return readAll(store)[view] ?? DEFAULT_SORT;
}

export function rememberSortChoice(store: SortStore, view: string, choice: SortChoice): void {
  const all = readAll(store);
  delete all[view];
  all[view] = choice;
  const kept = Object.entries(all).slice(-MAX_REMEMBERED);
  try {
    store.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Storage full or refused: the order still applies until the window closes.
  }
}
