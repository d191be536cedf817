import { useId } from 'react';
import type { ChosenRestoreFile, JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { formatBytes } from '../../../src-shared/format';
import { ProgressBar } from './ProgressBar';

interface RestorePasskeyStepProps {
  file: ChosenRestoreFile;
  passkey: string;
  onPasskeyChange: (passkey: string) => void;
  /** True while the backup is read for the preview; the progress bar and Cancel replace the buttons. */
  previewing: boolean;
  cancelling: boolean;
  progress: JobProgressEvent | null;
  onPreview: () => void;
  onCancel: () => void;
  onChooseAnother: () => void;
}

/**
 * The restore dialog's second step: which file, its passkey, then reading it for the preview.
 * A backup that takes more time or memory to open than usual says so here, before the
 * person starts reading it, and while it is read, next to Cancel.
 */
export function RestorePasskeyStep(props: RestorePasskeyStepProps) {
  const { file, passkey, previewing } = props;
  const id = useId();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        props.onPreview();
      }}
    >
      <p>
        <span className="folder-path">{file.fileName}</span> ({formatBytes(file.size)}) in{' '}
        <span className="folder-path">{file.folder}</span>
      </p>
      {file.openingCost === null ? null : (
        <p className="dialog-warning">
          Opening this backup takes about {file.openingCost.seconds} s and {file.openingCost.memoryMiB} MiB of
          memory, more than the backups NoteVault makes.
        </p>
      )}
      <label htmlFor={`${id}-passkey`}>Passkey of this backup</label>
      <input
        id={`${id}-passkey`}
        type="password"
        autoComplete="current-password"
        autoFocus
        value={passkey}
        disabled={previewing}
        onChange={(event) => props.onPasskeyChange(event.target.value)}
      />
      {previewing ? (
        <>
          <ProgressBar label="Reading the backup" progress={props.progress} />
          <div className="dialog-actions">
            {/* The passkey field, which had focus, is disabled now: focus would fall to the page. */}
            <button type="button" autoFocus onClick={props.onCancel} disabled={props.cancelling}>
              {props.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </>
      ) : (
        <div className="dialog-actions">
          {passkey === '' ? (
            <p id={`${id}-reason`} className="dialog-reason">
              Type the passkey of this backup to go on.
            </p>
          ) : null}
          <button type="button" onClick={props.onChooseAnother}>
            Choose another file…
          </button>
          <button
            type="submit"
            className="primary"
            disabled={passkey === ''}
            aria-describedby={passkey === '' ? `${id}-reason` : undefined}
          >
            Show what is inside
          </button>
        </div>
      )}
    </form>
  );
}
