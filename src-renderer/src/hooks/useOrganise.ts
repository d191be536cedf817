import { useCallback, useEffect, useMemo, useState } from 'react';
import { isSameOrNestedUnder, renamedTagName, sameTag } from '../../../src-shared/tag-rules';
import type { TagSummary } from '../../../src-shared/tags';
import { useApi } from '../api-context';
import { readSortChoice, rememberSortChoice, SORT_CHOICES, sortViewKey } from '../organise/sort-orders';
import type { SortChoice } from '../organise/sort-orders';
import type { ListOrder } from './useNoteEntries';

function browserStore() {
  return window.localStorage;
}

/** A view's remembered sort order, and a setter that remembers it. */
export function useSortChoice(view: string): [SortChoice, (choice: SortChoice) => void] {
  const [choices, setChoices] = useState<Record<string, SortChoice>>({});
  const choice = choices[view] ?? readSortChoice(browserStore(), view);
  const choose = useCallback(
    (next: SortChoice) => {
      rememberSortChoice(browserStore(), view, next);
      setChoices((all) => ({ ...all, [view]: next }));
    },
    [view],
  );
  return [choice, choose];
}

export function listOrderOf(choice: SortChoice, tags: string[] = []): ListOrder {
  const { sort, direction } = SORT_CHOICES[choice];
  return { sort, direction, tags };
}

/**
 * Goes up on every notes change that can change a tag's count: not on 'updated' (an edit of a
 * note's text or pin), which autosave sends every pause in typing, while counting the tags of
 * 100,000 notes takes main about a second (TagsRepository.list).
 */
function useTagCountsVersion(onError: (error: unknown) => void): number {
  const api = useApi();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    try {
      return api.notes.onDidChange((change) => {
        if (change.reason !== 'updated') setVersion((v) => v + 1);
      });
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return version;
}

/**
 * The notes list's organisation: every tag with its count (re-read on every notes change), the
 * tags the list is filtered by, and the sort order remembered for the view being shown.
 * Renaming or deleting a tag keeps the filter pointing at the same notes.
 */
export function useOrganise(onError: (error: unknown) => void) {
  const api = useApi();
  const [tags, setTags] = useState<TagSummary[]>([]);
  const [filter, setFilter] = useState<string[]>([]);
  // The tag whose rename or delete dialog is open.
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);

  const countsVersion = useTagCountsVersion(onError);
  useEffect(() => {
    let current = true;
    api.tags
      .list()
      .then((list) => current && setTags(list))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [api, countsVersion, onError]);

  const toggleFilter = useCallback((name: string) => {
    setFilter((names) =>
      names.some((n) => sameTag(n, name)) ? names.filter((n) => !sameTag(n, name)) : [...names, name],
    );
  }, []);
  const clearFilter = useCallback(() => setFilter([]), []);

  const rename = useCallback(
    async (from: string, to: string) => {
      await api.tags.rename({ from, to });
      setFilter((names) =>
        names.map((n) => (isSameOrNestedUnder(n, from) ? renamedTagName(n, from, to) : n)),
      );
    },
    [api],
  );

  const deleteTag = useCallback(
    async (name: string) => {
      await api.tags.delete({ name });
      setFilter((names) => names.filter((n) => !isSameOrNestedUnder(n, name)));
    },
    [api],
  );

  const [sortChoice, setSortChoice] = useSortChoice(sortViewKey(false, filter));
  const listing = useMemo(() => listOrderOf(sortChoice, filter), [sortChoice, filter]);

  return {
    tags,
    filter,
    toggleFilter,
    clearFilter,
    rename,
    deleteTag,
    renaming,
    setRenaming,
    deleting,
    setDeleting,
    sortChoice,
    setSortChoice,
    listing,
  };
}

export type Organise = ReturnType<typeof useOrganise>;
