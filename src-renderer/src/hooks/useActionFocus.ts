import { useRef, useState } from 'react';

/**
 * Where focus goes when an action has ended: `returnTo` holds the control that started it
 * (disabled while the action ran, so it lost focus), or null for the view's heading;
 * `settled` counts the endings, for an effect that then moves focus.
 */
export function useActionFocus() {
  const returnTo = useRef<HTMLElement | null>(null);
  const [settled, setSettled] = useState(0);
  return { returnTo, settled, markSettled: () => setSettled((count) => count + 1) };
}
