import { useId } from 'react';
import { ModalDialog } from './ModalDialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A yes/no question in a ModalDialog, which keeps focus inside, hands Escape to Cancel and
 * gives focus back to what opened it. Focus starts on Cancel, because every confirmation
 * here guards something that cannot be undone.
 */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const messageId = `${useId()}-message`;
  return (
    <ModalDialog
      open={open}
      title={title}
      onEscape={onCancel}
      className="confirm-dialog"
      describedBy={messageId}
    >
      <p id={messageId}>{message}</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
