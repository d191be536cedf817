import { useId, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import './backup-dialogs.css';

interface ModalDialogProps {
  open: boolean;
  title: string;
  /** Escape, or the dialog's own close buttons. */
  onEscape: () => void;
  /** The dialog's look; the backup and restore flows' by default. */
  className?: string;
  /** The id of the element inside that describes the dialog (a confirmation's question). */
  describedBy?: string;
  children: ReactNode;
}

/**
 * A modal <dialog> for the backup and restore flows and every confirmation: the browser keeps focus inside it and
 * React moves it to the control marked autoFocus; closing gives focus back to what had it
 * before (the toolbar button), so keyboard users stay where they were. Escape is handed to
 * the owner, which decides whether it closes the dialog or cancels a running job.
 */
export function ModalDialog({
  open,
  title,
  onEscape,
  className = 'backup-dialog',
  describedBy,
  children,
}: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const id = useId();
  // The content mounts only once the dialog is showing: React focuses an autoFocus control as
  // it mounts, which fails inside a closed <dialog>, and showModal() would then pick the first
  // button (Close rather than "Choose backup file…").
  const [showing, setShowing] = useState(false);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
      setShowing(true);
    } else if (!open && element.open) {
      element.close();
      setShowing(false);
      returnFocus.current?.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={`${id}-title`}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onEscape();
      }}
    >
      <h2 id={`${id}-title`}>{title}</h2>
      {open && showing ? children : null}
    </dialog>
  );
}
