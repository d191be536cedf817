import { useId } from 'react';
import type { RestoreDone, RestorePreviewView } from '../../../src-shared/ipc/contract-backup';
import type { useSafetyPasskey } from '../hooks/useSafetyPasskey';
import { RestorePreviewDetails } from './RestorePreviewDetails';
import { RestoreSafetyPasskey } from './RestoreSafetyPasskey';
import { formatCount } from '../../../src-shared/format';
import { describeAlsoInside } from '../restore-summary';
import { describeKeptInHistory } from '../../../src-shared/kept-in-history-text';

/** The restore dialog's first step when no backup was chosen yet: the native file picker. */
export function RestoreChooseStep({ onChoose, onClose }: { onChoose: () => void; onClose: () => void }) {
  return (
    <>
      <p>Choose a NoteVault backup file (.nvbak). You will see what it holds before anything changes.</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" className="primary" autoFocus onClick={onChoose}>
          Choose backup file…
        </button>
      </div>
    </>
  );
}

interface RestoreConfirmStepProps {
  preview: RestorePreviewView;
  /** The key of the copy of the current notes; Replace waits until it is settled. */
  safety: ReturnType<typeof useSafetyPasskey>;
  onRestore: () => void;
  onClose: () => void;
}

/** What the backup holds and what restoring it replaces; focus starts on Cancel. */
export function RestoreConfirmStep({ preview, safety, onRestore, onClose }: RestoreConfirmStepProps) {
  // The safety passkey's problem is also why Replace is disabled: the button is described by it.
  const problemId = useId();
  return (
    <>
      <RestorePreviewDetails preview={preview} />
      <p className="dialog-warning">
        <strong>Your current notes will be replaced</strong> by the {formatCount(preview.noteCount, 'note')}{' '}
        in this backup. A safety backup of your current notes is made first, so this can be undone.
      </p>
      <RestoreSafetyPasskey state={safety} problemId={problemId} />
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={safety.problem !== null}
          aria-describedby={safety.problem !== null ? problemId : undefined}
          onClick={onRestore}
        >
          Replace my notes
        </button>
      </div>
    </>
  );
}

/** How many notes came back, and where the safety backup of the notes before them is. */
export function RestoreDoneStep({ done, onClose }: { done: RestoreDone; onClose: () => void }) {
  const also = describeAlsoInside(done.restoredAlso);
  const kept = describeKeptInHistory(done.keptInHistory);
  return (
    <div role="status">
      <p>
        <strong>Restored {formatCount(done.restoredNotes, 'note')}.</strong>{' '}
        {also === null ? null : `Also restored: ${also}. `}
        {done.safetyBackup === null
          ? 'There were no notes before, so no safety backup was needed.'
          : `Your previous notes are in the safety backup ${done.safetyBackup} in ${done.safetyFolder}.`}
        {kept === null ? null : ` ${kept}`}
      </p>
      <div className="dialog-actions">
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
