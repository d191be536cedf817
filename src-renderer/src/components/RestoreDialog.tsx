import type { ChosenRestoreFile } from '../../../src-shared/ipc/contract-backup';
import { useRestoreDialog } from '../hooks/useRestoreDialog';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { ProgressBar } from './ProgressBar';
import { RestoreChooseStep, RestoreConfirmStep, RestoreDoneStep } from './RestoreSteps';
import { RestorePasskeyStep } from './RestorePasskeyStep';

interface RestoreDialogProps {
  open: boolean;
  /**
   * A backup already chosen (the backups view's Restore button): the dialog opens at the
   * passkey step for it. Without one it starts with the native file picker.
   */
  initialFile?: ChosenRestoreFile | null;
  onClose: () => void;
  onRestored: (restoredNotes: number) => void;
}

/**
 * Restore from a backup: choose the file, enter its passkey, see what it holds and what the
 * restore would change, confirm, watch it run. Every refusal (wrong passkey, damage) happens
 * before the current notes are touched, and the message says so.
 */
export function RestoreDialog({ open, initialFile = null, onClose, onRestored }: RestoreDialogProps) {
  const restore = useRestoreDialog(open, initialFile, onRestored);
  const { file, stage } = restore;

  return (
    <ModalDialog
      open={open}
      title="Restore from a backup"
      onEscape={() => (restore.running ? restore.cancel() : onClose())}
    >
      {stage.kind === 'choose' ? <RestoreChooseStep onChoose={restore.chooseFile} onClose={onClose} /> : null}
      {file !== null && (stage.kind === 'passkey' || stage.kind === 'previewing') ? (
        <RestorePasskeyStep
          file={file}
          wayIn={restore.wayIn}
          previewing={stage.kind === 'previewing'}
          cancelling={stage.kind === 'previewing' && stage.cancelling}
          progress={restore.progress}
          onPreview={restore.preview}
          onCancel={restore.cancel}
          onChooseAnother={restore.chooseFile}
        />
      ) : null}
      {stage.kind === 'preview' ? (
        <RestoreConfirmStep
          preview={stage.preview}
          safety={restore.safety}
          onRestore={restore.restore}
          onClose={onClose}
        />
      ) : null}
      {stage.kind === 'restoring' ? (
        <>
          <ProgressBar label="Restore progress" progress={restore.progress} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={restore.cancel} disabled={stage.cancelling}>
              {stage.cancelling ? 'Cancelling…' : 'Cancel restore'}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'done' ? <RestoreDoneStep done={stage.done} onClose={onClose} /> : null}
      {stage.kind === 'failed' ? (
        <JobFailure error={stage.error} onClose={onClose} onRetry={restore.retry} />
      ) : null}
    </ModalDialog>
  );
}
