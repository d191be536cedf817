import { useEffect, useState } from 'react';
import type {
  ChosenRestoreFile,
  RestoreDone,
  RestorePreviewView,
} from '../../../src-shared/ipc/contract-backup';
import { describeError, notevault } from '../api';
import { useJobProgress } from '../hooks/useJobProgress';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { ProgressBar } from './ProgressBar';
import { RestorePasskeyStep } from './RestorePasskeyStep';
import { RestorePreviewDetails } from './RestorePreviewDetails';

type Stage =
  | { kind: 'choose' }
  | { kind: 'passkey' }
  | { kind: 'previewing'; cancelling: boolean }
  | { kind: 'preview'; preview: RestorePreviewView }
  | { kind: 'restoring'; cancelling: boolean }
  | { kind: 'done'; done: RestoreDone }
  | { kind: 'failed'; message: string };

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
  const [file, setFile] = useState<ChosenRestoreFile | null>(null);
  const [passkey, setPasskey] = useState('');
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const running = stage.kind === 'previewing' || stage.kind === 'restoring';
  const progress = useJobProgress('restore', running);

  useEffect(() => {
    if (!open) return;
    setFile(initialFile);
    setPasskey('');
    setStage(initialFile === null ? { kind: 'choose' } : { kind: 'passkey' });
  }, [open, initialFile]);

  const fail = (error: unknown) => setStage({ kind: 'failed', message: describeError(error) });

  const chooseFile = () => {
    notevault()
      .restore.chooseFile()
      .then((chosen) => {
        if (chosen === null) return;
        setFile(chosen);
        setStage({ kind: 'passkey' });
      })
      .catch(fail);
  };

  const preview = () => {
    if (file === null || passkey === '') return;
    setStage({ kind: 'previewing', cancelling: false });
    notevault()
      .restore.preview({ token: file.token, passkey })
      .then((result) => setStage({ kind: 'preview', preview: result }))
      .catch(fail);
  };

  const restore = () => {
    if (file === null) return;
    setStage({ kind: 'restoring', cancelling: false });
    notevault()
      .restore.run({ token: file.token, passkey })
      .then((done) => {
        setStage({ kind: 'done', done });
        onRestored(done.restoredNotes);
      })
      .catch(fail);
  };

  const cancel = () => {
    if (!running) return;
    setStage({ ...stage, cancelling: true });
    void notevault().backup.cancel();
  };

  return (
    <ModalDialog open={open} title="Restore from a backup" onEscape={() => (running ? cancel() : onClose())}>
      {stage.kind === 'choose' ? (
        <>
          <p>Choose a NoteVault backup file (.nvbak). You will see what it holds before anything changes.</p>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Close
            </button>
            <button type="button" className="primary" autoFocus onClick={chooseFile}>
              Choose backup file…
            </button>
          </div>
        </>
      ) : null}
      {file !== null && (stage.kind === 'passkey' || stage.kind === 'previewing') ? (
        <RestorePasskeyStep
          file={file}
          passkey={passkey}
          onPasskeyChange={setPasskey}
          previewing={stage.kind === 'previewing'}
          cancelling={stage.kind === 'previewing' && stage.cancelling}
          progress={progress}
          onPreview={preview}
          onCancel={cancel}
          onChooseAnother={chooseFile}
        />
      ) : null}
      {stage.kind === 'preview' ? (
        <>
          <RestorePreviewDetails preview={stage.preview} />
          <p className="dialog-warning">
            <strong>Your current notes will be replaced</strong> by the {stage.preview.noteCount} notes in
            this backup. A safety backup of your current notes is made first, so this can be undone.
          </p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={restore}>
              Replace my notes
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'restoring' ? (
        <>
          <ProgressBar label="Restore progress" progress={progress} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={cancel} disabled={stage.cancelling}>
              {stage.cancelling ? 'Cancelling…' : 'Cancel restore'}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'done' ? (
        <div role="status">
          <p>
            <strong>Restored {stage.done.restoredNotes} notes.</strong>{' '}
            {stage.done.safetyBackup === null
              ? 'There were no notes before, so no safety backup was needed.'
              : `Your previous notes are in the safety backup ${stage.done.safetyBackup} in ${stage.done.safetyFolder}.`}
          </p>
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : null}
      {stage.kind === 'failed' ? (
        <JobFailure
          message={stage.message}
          onClose={onClose}
          onRetry={() => setStage(file === null ? { kind: 'choose' } : { kind: 'passkey' })}
        />
      ) : null}
    </ModalDialog>
  );
}
