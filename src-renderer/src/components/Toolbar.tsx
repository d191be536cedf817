import type { KeyboardEvent, ReactNode } from 'react';

interface ToolbarProps {
  onNewNote: () => void;
  trashOpen: boolean;
  trashCount: number;
  onToggleTrash: () => void;
  /**
   * The slot for actions that come later (Backup and Restore): rendered at the right
   * end of the toolbar, after the note actions.
   */
  children?: ReactNode;
}

// Left/Right arrows move between the toolbar's buttons, as in other desktop toolbars.
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
  const index = buttons.findIndex((button) => button === document.activeElement);
  if (index < 0) return;
  const step = event.key === 'ArrowRight' ? 1 : -1;
  buttons[(index + step + buttons.length) % buttons.length]?.focus();
  event.preventDefault();
}

export function Toolbar({ onNewNote, trashOpen, trashCount, onToggleTrash, children }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Main actions" onKeyDown={moveFocus}>
      <button
        type="button"
        onClick={onNewNote}
        title="New note (Ctrl+N)"
        aria-keyshortcuts="Control+N Meta+N"
      >
        New note
      </button>
      <button type="button" aria-pressed={trashOpen} data-view-toggle="trash" onClick={onToggleTrash}>
        Trash{trashCount > 0 ? ` (${trashCount})` : ''}
      </button>
      <div className="toolbar-slot">{children}</div>
    </div>
  );
}
