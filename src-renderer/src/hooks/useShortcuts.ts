import { useEffect, useRef } from 'react';

export interface Shortcuts {
  newNote: () => void;
  focusSearch: () => void;
}

/**
 * Ctrl+N (Cmd+N on macOS) makes a note and Ctrl/Cmd+F focuses the search box, from
 * anywhere in the window, including while typing in the editor.
 */
export function useShortcuts(shortcuts: Shortcuts): void {
  const latest = useRef(shortcuts);
  latest.current = shortcuts;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = navigator.platform.startsWith('Mac') ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        event.preventDefault();
        latest.current.newNote();
      } else if (key === 'f') {
        event.preventDefault();
        latest.current.focusSearch();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
