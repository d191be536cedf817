import { useEffect, useRef } from 'react';
import { formatCount, formatDateTime } from '../../../src-shared/format';
import { useRecoveryCode } from '../hooks/useRecoveryCode';
import { RecoveryCodeDialog } from './RecoveryCodeDialog';
import './recovery-code.css';

interface RecoveryCodeSettingsProps {
  onError: (error: unknown) => void;
}

/** Settings → the recovery code: create one, or, when one exists, when it was made, replace or revoke it. */
export function RecoveryCodeSettings({ onError }: RecoveryCodeSettingsProps) {
  const code = useRecoveryCode(onError);
  const { state } = code;
  const exists = state?.createdAt != null;
  const actions = useRef<HTMLDivElement>(null);
  const knewExists = useRef<boolean | null>(null);
  useEffect(() => {
    // A create or revoke swaps the buttons, taking away the one that had focus: focus moves to
    // the first of the new ones rather than falling to the page.
    if (state === null) return;
    const before = knewExists.current;
    knewExists.current = exists;
    if (before === null || before === exists) return;
    const active = document.activeElement;
    if (active === null || active === document.body || !active.isConnected)
      actions.current?.querySelector('button')?.focus();
  }, [state, exists]);
  return (
    <div className="settings-subgroup">
      <h3>Recovery code</h3>
      {state === null ? null : exists ? (
        <p>
          Your recovery code was created {formatDateTime(state.createdAt ?? '')}.{' '}
          {state.opens.total === 0
            ? 'No backup in the backup folder has it yet; every backup made from now on will.'
            : `It opens ${formatCount(state.opens.total, 'backup')} in the backup folder, and every backup made from now on.`}
        </p>
      ) : (
        <p>No recovery code yet. A recovery code opens your backups if you ever forget your passkey.</p>
      )}
      <div className="settings-actions" ref={actions}>
        {exists ? (
          <>
            <button type="button" onClick={code.openDialog}>
              Replace recovery code…
            </button>
            <button type="button" onClick={code.revoke} aria-disabled={code.working}>
              Revoke recovery code…
            </button>
          </>
        ) : (
          <button type="button" onClick={code.openDialog}>
            Create a recovery code…
          </button>
        )}
      </div>
      <p role="status" className="view-notice">
        {code.notice}
      </p>
      <RecoveryCodeDialog open={code.dialogOpen} state={state} onClose={code.closeDialog} />
    </div>
  );
}
