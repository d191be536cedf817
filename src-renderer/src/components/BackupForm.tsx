import type { BackupDialogState } from '../hooks/useBackupDialog';
import { PasskeyFields } from './PasskeyFields';
import { ProgressBar } from './ProgressBar';

interface BackupFormProps {
  backup: BackupDialogState;
  /** The running job, or null while the form is being filled in. */
  running: { cancelling: boolean } | null;
  onClose: () => void;
}

/** The backup dialog's form: passkey twice, the weak-passkey checkbox, the folder, then progress. */
export function BackupForm({ backup, running, onClose }: BackupFormProps) {
  const { passkey, folder, problem } = backup;
  const busy = running !== null;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        backup.start();
      }}
    >
      <p className="dialog-warning">
        <strong>Keep this passkey safe.</strong> The backup is encrypted with it. If the passkey is lost,
        nobody, not even NoteVault, can open the backup again.
      </p>
      <PasskeyFields
        passkey={passkey}
        repeat={backup.repeat}
        strength={backup.strength}
        onPasskeyChange={backup.setPasskey}
        onRepeatChange={backup.setRepeat}
        disabled={busy}
      />
      {backup.weak ? (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={backup.acceptWeak}
            disabled={busy}
            onChange={(event) => backup.setAcceptWeak(event.target.checked)}
          />
          Use this weak passkey anyway
        </label>
      ) : null}
      <div className="folder-row">
        <span>
          Save to: <span className="folder-path">{folder ?? 'No folder chosen yet'}</span>
        </span>
        <button type="button" onClick={backup.changeFolder} disabled={busy}>
          {folder === null ? 'Choose folder…' : 'Change…'}
        </button>
      </div>
      {running ? (
        <>
          <ProgressBar label="Backup progress" progress={backup.progress} />
          <div className="dialog-actions">
            <button type="button" onClick={backup.cancel} disabled={running.cancelling}>
              {running.cancelling ? 'Cancelling…' : 'Cancel backup'}
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
  );
}
