import { useId } from 'react';
import type { FormEvent } from 'react';
import type { PasskeyChangeDone } from '../../../src-shared/ipc/contract-passkey';
import { describeNotChangedReason, describePasskeyChange } from '../../../src-shared/change-passkey-text';
import { useChangePasskey } from '../hooks/useChangePasskey';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { PasskeyFields } from './PasskeyFields';
import { ProgressBar } from './ProgressBar';

interface ChangePasskeyDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * Change passkey (issue #16): the current passkey and the new one twice, then every backup in
 * the backup folder is given the new one (main asks first in its own dialog), with progress and
 * Cancel, then what happened in plain sentences, including what was not changed and why.
 */
export function ChangePasskeyDialog({ open, onClose }: ChangePasskeyDialogProps) {
  const change = useChangePasskey(open);
  const { stage } = change;
  return (
    <ModalDialog
      open={open}
      title="Change your passkey"
      onEscape={() => (change.running ? change.cancel() : onClose())}
    >
      {stage.kind === 'form' ? (
        <ChangeForm change={change} declined={stage.declined} onClose={onClose} />
      ) : null}
      {stage.kind === 'running' ? (
        <>
          <ProgressBar label="Passkey change progress" progress={change.progress} />
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={change.cancel} disabled={stage.cancelling}>
              {stage.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'done' ? <ChangeDone done={stage.done} onClose={onClose} /> : null}
      {stage.kind === 'failed' ? (
        <JobFailure error={stage.error} onClose={onClose} onRetry={change.retry} />
      ) : null}
    </ModalDialog>
  );
}

type ChangeState = ReturnType<typeof useChangePasskey>;

function ChangeForm({
  change,
  declined,
  onClose,
}: {
  change: ChangeState;
  declined: boolean;
  onClose: () => void;
}) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.start();
  };
  return (
    <form onSubmit={submit}>
      <p>
        Every backup in your backup folder, and NoteVault&apos;s own copies in your other backup destinations,
        will open with the new passkey instead of the current one, and new backups will use it. Copies kept
        anywhere else by you (another drive, a cloud folder) are not changed: they keep opening with the
        current passkey only.
      </p>
      <label htmlFor={`${id}-current`}>Current passkey</label>
      <input
        id={`${id}-current`}
        type="password"
        autoComplete="current-password"
        autoFocus
        value={change.current}
        onChange={(event) => change.setCurrent(event.target.value)}
      />
      <PasskeyFields
        legend="Your new passkey"
        passkeyLabel="New passkey"
        repeatLabel="New passkey again"
        autoFocus={false}
        passkey={change.next}
        repeat={change.repeat}
        onPasskeyChange={change.setNext}
        onRepeatChange={change.setRepeat}
        strength={change.strength}
        disabled={false}
      />
      {declined ? <p role="status">Nothing was changed: your backups keep their passkey.</p> : null}
      <div className="dialog-actions">
        {change.reason === null ? null : (
          <p id={`${id}-reason`} className="dialog-reason">
            {change.reason}
          </p>
        )}
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="submit"
          className="primary"
          disabled={change.reason !== null}
          aria-describedby={change.reason === null ? undefined : `${id}-reason`}
        >
          Change passkey
        </button>
      </div>
    </form>
  );
}

/** The report in sentences: how many changed and how long it took, which not and why, and copies elsewhere. */
function ChangeDone({ done, onClose }: { done: PasskeyChangeDone; onClose: () => void }) {
  const lines = describePasskeyChange(done);
  const [first = '', last = ''] = [lines[0], lines[lines.length - 1]];
  return (
    <>
      <div role="status">
        <p>
          {first} It took {formatSeconds(done.seconds)}.
        </p>
        {done.notChanged.length > 0 ? (
          <>
            <p>
              {done.notChanged.length === 1
                ? 'One backup kept the old passkey:'
                : `${done.notChanged.length} backups kept the old passkey:`}
            </p>
            <ul className="passkey-not-changed">
              {done.notChanged.map((entry) => (
                <li key={entry.file}>
                  <span className="folder-path">{entry.file}</span>: {describeNotChangedReason(entry.reason)}.
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>{last}</p>
      </div>
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}

function formatSeconds(seconds: number): string {
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
