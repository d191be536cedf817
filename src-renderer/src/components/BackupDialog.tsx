import { useBackupDialog } from '../hooks/useBackupDialog';
import { BackupDone } from './BackupDone';
import { BackupForm } from './BackupForm';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';

interface BackupDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Back up now: what the backup holds, where it goes and how long it takes, a new passkey typed
 * twice (refused below the shared minimum score, as main refuses it), the
 * remembered folder, then progress with Cancel, then the file made or what went wrong.
 * Escape closes the dialog, or while a backup runs asks it to stop.
 */
export function BackupDialog({ open, onClose }: BackupDialogProps) {
  const backup = useBackupDialog(open);
  const { stage } = backup;
  const escape = () => (stage.kind === 'running' ? backup.cancel() : onClose());

  return (
    <ModalDialog open={open} title="Back up your notes" onEscape={escape}>
      {stage.kind === 'form' || stage.kind === 'running' ? (
        <BackupForm backup={backup} running={stage.kind === 'running' ? stage : null} onClose={onClose} />
      ) : stage.kind === 'done' ? (
        <BackupDone
          result={stage.result}
          onShowInFolder={() => backup.showInFolder(stage.result.fileName)}
          onClose={onClose}
        />
      ) : (
        <JobFailure error={stage.error} onClose={onClose} onRetry={backup.retry} />
      )}
    </ModalDialog>
  );
}
