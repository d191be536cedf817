import { useEffect, useRef } from 'react';
import type { KeyboardEvent, RefObject } from 'react';

/**
 * One Tab stop for a table of rows of buttons (a roving tabindex): the button last focused
 * (at first the first row's first) has tabIndex 0, every other -1. Up and Down move to the same
 * button of the row above or below, Left and Right along the row, Home and End to the first
 * and last row; Enter and Space press the button as usual. A key a control inside already
 * handled (an open menu, a menu button's arrows) is left alone.
 *
 * The tab stops are set on the DOM after every render, so rows that come and go (a refresh,
 * a deleted backup) never leave the table without one.
 */
export function useRovingGrid(container: RefObject<HTMLElement | null>, cellSelector: string) {
  const active = useRef<HTMLElement | null>(null);

  const rows = () =>
    [...(container.current?.querySelectorAll('tbody tr') ?? [])]
      .map((row) => [...row.querySelectorAll<HTMLElement>(cellSelector)])
      .filter((cells) => cells.length > 0);

  useEffect(() => {
    const grid = rows();
    const all = grid.flat();
    if (!active.current || !all.includes(active.current)) active.current = all[0] ?? null;
    for (const cell of all) cell.tabIndex = cell === active.current ? 0 : -1;
  });

  const onFocus = (event: { target: EventTarget }) => {
    const grid = rows().flat();
    if (!(event.target instanceof HTMLElement) || !grid.includes(event.target)) return;
    active.current = event.target;
    for (const cell of grid) cell.tabIndex = cell === event.target ? 0 : -1;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    const grid = rows();
    const row = grid.findIndex((cells) => cells.includes(document.activeElement as HTMLElement));
    if (row < 0) return;
    const column = grid[row]?.indexOf(document.activeElement as HTMLElement) ?? 0;
    const at = (r: number, c: number) => {
      const cells = grid[Math.max(0, Math.min(r, grid.length - 1))] ?? [];
      return cells[Math.max(0, Math.min(c, cells.length - 1))];
    };
    const moves: Record<string, HTMLElement | undefined> = {
      ArrowDown: at(row + 1, column),
      ArrowUp: at(row - 1, column),
      ArrowRight: at(row, column + 1),
      ArrowLeft: at(row, column - 1),
      Home: at(0, column),
      End: at(grid.length - 1, column),
    };
    const target = moves[event.key];
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  return { onFocus, onKeyDown };
}
