import { ancestorsOf, leafOf, tagKey } from '../../../src-shared/tag-rules';
import type { TagSummary } from '../../../src-shared/tags';

/** One visible row of the tag tree. */
export interface TagRow {
  name: string;
  key: string;
  leaf: string;
  notes: number;
  /** 1 for a top-level tag. */
  level: number;
  hasChildren: boolean;
  expanded: boolean;
  /** Position among its siblings (1-based) and how many siblings there are, for aria-posinset/setsize. */
  position: number;
  siblings: number;
  parentKey: string | null;
}

/**
 * The rows the sidebar shows: tags under their parents (main lists every parent, see
 * TagsRepository.list), siblings by name without regard to case, the children of a collapsed
 * tag left out.
 */
export function visibleTagRows(tags: readonly TagSummary[], collapsed: ReadonlySet<string>): TagRow[] {
  const children = new Map<string | null, TagSummary[]>();
  for (const tag of tags) {
    const parent = ancestorsOf(tag.name).at(-1);
    const parentKey = parent === undefined ? null : tagKey(parent);
    children.set(parentKey, [...(children.get(parentKey) ?? []), tag]);
  }
  const rows: TagRow[] = [];
  const walk = (parentKey: string | null, level: number) => {
    const siblings = [...(children.get(parentKey) ?? [])].sort((a, b) =>
      leafOf(a.name).localeCompare(leafOf(b.name), undefined, { sensitivity: 'base' }),
    );
    siblings.forEach((tag, index) => {
      const key = tagKey(tag.name);
      const hasChildren = children.has(key);
      const expanded = hasChildren && !collapsed.has(key);
      rows.push({
        name: tag.name,
        key,
        leaf: leafOf(tag.name),
        notes: tag.notes,
        level,
        hasChildren,
        expanded,
        position: index + 1,
        siblings: siblings.length,
        parentKey,
      });
      if (expanded) walk(key, level + 1);
    });
  };
  walk(null, 1);
  return rows;
}
