import { useEffect, useState } from 'react';
import type { BackupCreated, BackupFolderState } from '../../../src-shared/ipc/contract-backup';
import { describeError, notevault } from '../api';
import { useJobProgress } from '../hooks/useJobProgress';
import { usePasskeyStrength } from '../hooks/usePasskeyStrength';
import { formatBytes } from '../job-progress';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { GOOD_SCORE, PasskeyFields } from './PasskeyFields';
import { ProgressBar } from './ProgressBar';

type Stage =
  | { kind: 'form' }
  | { kind: 'running'; cancelling: boolean }
  | { kind: 'done'; result: BackupCreated }
  | { kind: 'failed'; message: string };

interface BackupDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Back up now: a new passkey typed twice (weak ones need an explicit "use anyway"), the
 * remembered folder, then progress with Cancel, then the file made or what went wrong.
 * Escape closes the dialog, or while a backup runs asks it to stop.
 */
export function BackupDialog({ open, onClose }: BackupDialogProps) {
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const [acceptWeak, setAcceptWeak] = useState(false);
  const [folder, setFolder] = useState<BackupFolderState | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const strength = usePasskeyStrength(passkey);
  const progress = useJobProgress('backup', stage.kind === 'running');

  useEffect(() => {
    if (!open) return;
    setPasskey('');
    setRepeat('');
    setAcceptWeak(false);
    setStage({ kind: 'form' });
    notevault()
      .backup.getFolder()
      .then(setFolder)
      .catch((error: unknown) => setStage({ kind: 'failed', message: describeError(error) }));
  }, [open]);

  const weak = strength !== null && strength.score < GOOD_SCORE;
  const problem =
    passkey === ''
      ? 'Enter a passkey.'
      : passkey !== repeat
        ? 'Type the same passkey twice.'
        : folder?.folder == null
          ? 'Choose a folder for the backup.'
          : strength === null
            ? 'Checking the passkey…'
            : weak && !acceptWeak
              ? 'This passkey is weak: choose a stronger one, or confirm you want to use it.'
              : null;

  const changeFolder = () => {
    notevault()
      .backup.chooseFolder()
      .then((chosen) => chosen && setFolder(chosen))
      .catch((error: unknown) => setStage({ kind: 'failed', message: describeError(error) }));
  };

  const start = () => {
    if (problem !== null) return;
    setStage({ kind: 'running', cancelling: false });
    notevault()
      .backup.create({ passkey })
      .then((result) => setStage({ kind: 'done', result }))
      .catch((error: unknown) => setStage({ kind: 'failed', message: describeError(error) }));
  };

  const cancel = () => {
    setStage({ kind: 'running', cancelling: true });
    void notevault().backup.cancel();
  };

  const escape = () => (stage.kind === 'running' ? cancel() : onClose());

  return (
    <ModalDialog open={open} title="Back up your notes" onEscape={escape}>
      {stage.kind === 'form' || stage.kind === 'running' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <p className="dialog-warning">
            <strong>Keep this passkey safe.</strong> The backup is encrypted with it. If the passkey is lost,
            nobody, not even NoteVault, can open the backup again.
          </p>
          <PasskeyFields
            passkey={passkey}
            repeat={repeat}
            strength={strength}
            onPasskeyChange={setPasskey}
            onRepeatChange={setRepeat}
            disabled={stage.kind === 'running'}
          />
          {weak ? (
            <label className="checkbox-row">
              <input
                type="checkbox"
                checked={acceptWeak}
                disabled={stage.kind === 'running'}
                onChange={(event) => setAcceptWeak(event.target.checked)}
              />
              Use this weak passkey anyway
            </label>
          ) : null}
          <div className="folder-row">
            <span>
              Save to: <span className="folder-path">{folder?.folder ?? 'No folder chosen yet'}</span>
            </span>
            <button type="button" onClick={changeFolder} disabled={stage.kind === 'running'}>
              {folder?.folder == null ? 'Choose folder…' : 'Change…'}
            </button>
          </div>
          {stage.kind === 'running' ? (
            <>
              <ProgressBar label="Backup progress" progress={progress} />
              <div className="dialog-actions">
                <button type="button" onClick={cancel} disabled={stage.cancelling}>
                  {stage.cancelling ? 'Cancelling…' : 'Cancel backup'}
                </button>
              </div>
            </>
          ) : (
            <>
              {problem !== null && passkey !== '' ? <p className="dialog-hint">{problem}</p> : null}
              <div className="dialog-actions">
                <button type="button" onClick={onClose}>
                  Close
                </button>
                <button type="submit" className="primary" disabled={problem !== null}>
                  Start backup
                </button>
              </div>
            </>
          )}
        </form>
      ) : stage.kind === 'done' ? (
        <div role="status">
          <p>
            <strong>Backup saved.</strong> {stage.result.noteCount} notes were backed up and the file was
            checked.
          </p>
          <dl className="facts">
            <dt>File</dt>
            <dd>{stage.result.fileName}</dd>
            <dt>Folder</dt>
            <dd>{stage.result.folder}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(stage.result.size)}</dd>
          </dl>
          <div className="dialog-actions">
            <button
              type="button"
              onClick={() =>
                void notevault()
                  .backup.showInFolder({ fileName: stage.result.fileName })
                  .catch((error: unknown) => setStage({ kind: 'failed', message: describeError(error) }))
              }
            >
              Show in folder
            </button>
            <button type="button" className="primary" autoFocus onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <JobFailure message={stage.message} onClose={onClose} onRetry={() => setStage({ kind: 'form' })} />
      )}
    </ModalDialog>
  );
}
