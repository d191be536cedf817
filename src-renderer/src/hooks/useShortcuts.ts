import { useEffect, useRef } from 'react';

export interface Shortcuts {
  newNote: () => void;
  focusSearch: () => void;
  focusEditor: () => void;
}

/** Ctrl+E: the open note's text, where its cursor was (nothing when no note is open). */
export function focusEditor(): void {
  document.getElementById('note-body')?.focus();
}

/**
 * Ctrl+N (Cmd+N on macOS) makes a note, Ctrl/Cmd+F focuses the search box and Ctrl/Cmd+E
 * the open note's text, from anywhere in the window, including while typing in the editor.
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
      } else if (key === 'e') {
        event.preventDefault();
        latest.current.focusEditor();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
