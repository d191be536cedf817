import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { sameTag } from '../../../src-shared/tag-rules';
import type { TagSummary } from '../../../src-shared/tags';
import { formatNumber, pluralNoun } from '../../../src-shared/format';
import { visibleTagRows } from '../organise/tag-tree';
import type { TagRow } from '../organise/tag-tree';
import './tags.css';

interface TagSidebarProps {
  tags: TagSummary[];
  /** The tags the notes list is filtered by: selected in the tree. */
  filter: string[];
  onToggle: (name: string) => void;
  onRename: (name: string) => void;
  onDelete: (name: string) => void;
}

/**
 * Every tag as a tree with its count of live notes; choosing tags filters the notes list (all
 * chosen tags must be on a note). One Tab stop, as the ARIA tree pattern has it: arrow keys move
 * (Right opens or goes to the first child, Left closes or goes to the parent), Home and End jump,
 * Enter or Space chooses, F2 renames. The tree is flat in the DOM with aria-level, so each
 * item's name is its own text ("work 2 notes") rather than its whole subtree's.
 * Rename and Delete act on the tag the tree's focus is on (the current one).
 */
export function TagSidebar({ tags, filter, onToggle, onRename, onDelete }: TagSidebarProps) {
  const tree = useTagTree(tags, { onToggle, onRename });
  const { rows, current, currentIndex } = tree;

  return (
    <section className="tag-sidebar" aria-labelledby="tag-sidebar-heading">
      <h2 id="tag-sidebar-heading" className="tag-sidebar-heading">
        Tags
      </h2>
      {rows.length === 0 ? (
        <p className="tag-sidebar-empty">No tags yet. Add tags to a note below its text.</p>
      ) : (
        <>
          <ul
            ref={tree.ref}
            role="tree"
            aria-labelledby="tag-sidebar-heading"
            aria-multiselectable="true"
            className="tag-tree"
            onKeyDown={tree.onKeyDown}
          >
            {rows.map((row, index) => (
              <TagTreeItem
                key={row.key}
                row={row}
                selected={filter.some((name) => sameTag(name, row.name))}
                current={index === currentIndex}
                onFocus={() => tree.setCurrentKey(row.key)}
                onChoose={() => {
                  tree.setCurrentKey(row.key);
                  onToggle(row.name);
                }}
              />
            ))}
          </ul>
          {current ? (
            <div className="tag-sidebar-actions">
              <button type="button" onClick={() => onRename(current.name)}>
                Rename “{current.leaf}”…
              </button>
              <button type="button" onClick={() => onDelete(current.name)}>
                Delete “{current.leaf}”…
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

interface TagTreeItemProps {
  row: TagRow;
  selected: boolean;
  /** The tree's one Tab stop. */
  current: boolean;
  onFocus: () => void;
  onChoose: () => void;
}

function TagTreeItem({ row, selected, current, onFocus, onChoose }: TagTreeItemProps) {
  return (
    // Keys are handled by the tree (useTagTree), as the ARIA tree pattern has it.
    <li
      role="treeitem"
      data-tag-key={row.key}
      aria-level={row.level}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      tabIndex={current ? 0 : -1}
      className="tag-tree-item"
      style={{ paddingInlineStart: `${0.5 + (row.level - 1)}rem` }}
      onFocus={onFocus}
      onClick={onChoose}
    >
      <span className="tag-tree-toggle" aria-hidden="true">
        {row.hasChildren ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className="tag-tree-name">{row.leaf}</span>
      {/* The name is the visible text, so speech input can say it: "work 2 notes". */}
      <span className="tag-tree-count">
        {formatNumber(row.notes)}
        <span className="visually-hidden"> {pluralNoun(row.notes, 'note')}</span>
      </span>
    </li>
  );
}

/** The tree's visible rows, its current row (the Tab stop) and its keys. */
function useTagTree(
  tags: TagSummary[],
  actions: { onToggle: (name: string) => void; onRename: (name: string) => void },
) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  const ref = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => visibleTagRows(tags, collapsed), [tags, collapsed]);
  // A current tag that went away (renamed, deleted, inside a closed parent) hands the stop to the first.
  const currentIndex = Math.max(
    0,
    rows.findIndex((row) => row.key === currentKey),
  );
  const current = rows[currentIndex];

  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    setCurrentKey(row.key);
    ref.current?.querySelector<HTMLElement>(`[data-tag-key="${CSS.escape(row.key)}"]`)?.focus();
  };
  const setOpen = (key: string, open: boolean) =>
    setCollapsed((keys) => {
      const next = new Set(keys);
      if (open) next.delete(key);
      else next.add(key);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    if (!current || event.altKey || event.ctrlKey || event.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(currentIndex + 1),
      ArrowUp: () => focusRow(currentIndex - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      ArrowRight: () => {
        if (current.hasChildren && !current.expanded) setOpen(current.key, true);
        else if (current.expanded) focusRow(currentIndex + 1);
      },
      ArrowLeft: () => {
        if (current.expanded) setOpen(current.key, false);
        else if (current.parentKey !== null) focusRow(rows.findIndex((row) => row.key === current.parentKey));
      },
      Enter: () => actions.onToggle(current.name),
      ' ': () => actions.onToggle(current.name),
      F2: () => actions.onRename(current.name),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return { ref, rows, current, currentIndex, setCurrentKey, onKeyDown };
}
