import { useEffect, useRef } from 'react';

/**
 * Escape leaves a full-page view (Trash, Settings, Backups, Browse). Anything that handles
 * Escape itself wins: an open dialog (its own Escape closes or cancels it) and any control
 * that marks the key handled (an open menu, which calls preventDefault).
 */
export function useEscapeToLeave(leave: () => void, enabled = true): void {
  const latest = useRef(leave);
  latest.current = leave;

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
