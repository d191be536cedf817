import { useId } from 'react';
import type { BackupDialogState } from '../hooks/useBackupDialog';
import { BackupPlanFacts } from './BackupPlanFacts';
import { PasskeyFields } from './PasskeyFields';
import { ProgressBar } from './ProgressBar';

interface BackupFormProps {
  backup: BackupDialogState;
  /** The running job, or null while the form is being filled in. */
  running: { cancelling: boolean } | null;
  onClose: () => void;
}

/**
 * The backup dialog's form: what the backup holds, where it goes and how long it takes, the
 * passkey twice with its meter, then one overall progress bar. The reason Start backup is
 * disabled sits beside it.
 */
export function BackupForm({ backup, running, onClose }: BackupFormProps) {
  const { passkey, folder, problem, plan } = backup;
  const busy = running !== null;
  const reasonId = useId();
  // Said whenever Start backup is disabled, an empty passkey included (issue #14).
  const showReason = problem !== null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        backup.start();
      }}
    >
      <BackupPlanFacts
        plan={plan}
        folderAction={
          <button type="button" onClick={backup.changeFolder} disabled={busy}>
            {folder === null ? 'Choose folder…' : 'Change…'}
          </button>
        }
      />
      <p className="dialog-note">
        The backup is encrypted with this passkey. NoteVault cannot recover a forgotten passkey; keep it in
        your password manager.
      </p>
      <PasskeyFields
        passkey={passkey}
        repeat={backup.repeat}
        strength={backup.strength}
        onPasskeyChange={backup.setPasskey}
        onRepeatChange={backup.setRepeat}
        suggested={backup.suggested}
        onSuggest={backup.suggest}
        disabled={busy}
      />
      {running ? (
        <>
          <ProgressBar
            label="Backup progress"
            progress={backup.progress?.event ?? null}
            overall={backup.progress?.overall}
          />
          <div className="dialog-actions">
            {/* Start backup is gone and the fields are disabled: focus would fall to the page. */}
            <button type="button" autoFocus onClick={backup.cancel} disabled={running.cancelling}>
              {running.cancelling ? 'Cancelling…' : 'Cancel backup'}
            </button>
          </div>
        </>
      ) : (
        <div className="dialog-actions">
          {showReason ? (
            <p id={reasonId} className="dialog-reason">
              {problem}
            </p>
          ) : null}
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button
            type="submit"
            className="primary"
            disabled={problem !== null}
            aria-describedby={showReason ? reasonId : undefined}
          >
            Start backup
          </button>
        </div>
      )}
    </form>
  );
}
