import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';
import './backup-dialogs.css';

interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Escape, or the dialog's own close buttons. */
  onEscape: () => void;
  children: ReactNode;
}

/**
 * A modal <dialog> for the backup and restore flows: the browser keeps focus inside it and
 * moves it to the first control marked autoFocus; closing gives focus back to what had it
 * before (the toolbar button), so keyboard users stay where they were. Escape is handed to
 * the owner, which decides whether it closes the dialog or cancels a running job.
 */
export function ModalDialog({ open, title, onEscape, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) {
      element.close();
      returnFocus.current?.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="backup-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onEscape();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {open ? children : null}
    </dialog>
  );
}
