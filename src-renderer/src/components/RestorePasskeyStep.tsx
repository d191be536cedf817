import { useId } from 'react';
import type { ChosenRestoreFile, JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { formatBytes } from '../../../src-shared/format';
import type { WayInState } from '../hooks/useWayIn';
import { ProgressBar } from './ProgressBar';
import { WayInInput } from './WayInInput';

interface RestorePasskeyStepProps {
  file: ChosenRestoreFile;
  /** The backup's passkey, or its recovery code instead. */
  wayIn: WayInState;
  /** True while the backup is read for the preview; the progress bar and Cancel replace the buttons. */
  previewing: boolean;
  cancelling: boolean;
  progress: JobProgressEvent | null;
  onPreview: () => void;
  onCancel: () => void;
  onChooseAnother: () => void;
}

/**
 * The restore dialog's second step: which file, its passkey (or recovery code), then reading it for the preview.
 * A backup that takes more time or memory to open than usual says so here, before the
 * person starts reading it, and while it is read, next to Cancel.
 */
export function RestorePasskeyStep(props: RestorePasskeyStepProps) {
  const { file, wayIn, previewing } = props;
  const reason = wayIn.reason;
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
      <WayInInput
        wayIn={wayIn}
        passkeyLabel="Passkey of this backup"
        readOnly={previewing}
        hintId={`${id}-reason`}
      />
      {previewing ? (
        <>
          <ProgressBar label="Reading the backup" progress={props.progress} />
          <div className="dialog-actions">
            {/* Cancel takes focus: it is the one thing to do while the backup is read. */}
            <button type="button" autoFocus onClick={props.onCancel} disabled={props.cancelling}>
              {props.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </>
      ) : (
        <div className="dialog-actions">
          {/* The recovery-code field's own hint says why (id-reason); the passkey's is said here. */}
          {reason !== null && wayIn.kind === 'passkey' ? (
            <p id={`${id}-reason`} className="dialog-reason">
              {reason}
            </p>
          ) : null}
          <button type="button" onClick={props.onChooseAnother}>
            Choose another file…
          </button>
          <button
            type="submit"
            className="primary"
            disabled={reason !== null}
            aria-describedby={reason !== null ? `${id}-reason` : undefined}
          >
            Show what is inside
          </button>
        </div>
      )}
    </form>
  );
}
