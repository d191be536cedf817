import type { Page } from '@playwright/test';

/**
 * The components whose React state (hooks) or props still hold `secret`, found by walking the
 * page's current fiber tree. React's internals are not an API, which is acceptable in a test
 * whose point is to look where a compromised page would look: after a dialog closes, a
 * passkey must not be left in memory the page's scripts can reach.
 */
export function componentsHolding(page: Page, secret: string): Promise<string[]> {
  return page.evaluate((wanted) => {
    type Fiber = {
      type: unknown;
      child: Fiber | null;
      sibling: Fiber | null;
      memoizedState: unknown;
      memoizedProps: unknown;
      stateNode: unknown;
    };
    const container = document.getElementById('root') as unknown as Record<string, unknown> | null;
    const key = container && Object.keys(container).find((k) => k.startsWith('__reactContainer$'));
    if (!container || !key) throw new Error('No React root in #root.');
    const root = (container[key] as Fiber).stateNode as { current: Fiber };

    const holds = (value: unknown, depth: number, seen: Set<unknown>): boolean => {
      if (typeof value === 'string') return value.includes(wanted);
      if (value === null || typeof value !== 'object' || depth > 4 || seen.has(value)) return false;
      if (value instanceof Node) return false;
      seen.add(value);
      return Object.entries(value).some(
        ([name, inner]) => !name.startsWith('_') && name !== 'return' && holds(inner, depth + 1, seen),
      );
    };
    const name = (fiber: Fiber) =>
      typeof fiber.type === 'function'
        ? (fiber.type as { name: string }).name
        : typeof fiber.type === 'string'
          ? fiber.type
          : 'anonymous';

    const found: string[] = [];
    const visit = (fiber: Fiber | null) => {
      for (let at = fiber; at !== null; at = at.sibling) {
        // A function component's hooks are a linked list of { memoizedState, next }.
        let state = typeof at.type === 'function' ? at.memoizedState : null;
        while (state !== null && typeof state === 'object') {
          const hook = state as { memoizedState: unknown; next: unknown };
          if (holds(hook.memoizedState, 0, new Set())) found.push(`${name(at)} state`);
          state = hook.next;
        }
        const props = at.memoizedProps as Record<string, unknown> | null;
        if (props && typeof props === 'object') {
          const { children: _children, ...own } = props;
          if (holds(own, 0, new Set())) found.push(`${name(at)} props`);
        }
        visit(at.child);
      }
    };
    visit(root.current);
    return found;
  }, secret);
}
