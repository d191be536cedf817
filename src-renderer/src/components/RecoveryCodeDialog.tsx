import { useEffect, useId, useState } from 'react';
import type { RecoveryCodeCreated, RecoveryCodeState } from '../../../src-shared/ipc/contract-recovery-code';
import { RECOVERY_CODE_KEEPING, RECOVERY_CODE_OPENS } from '../../../src-shared/recovery-code-text';
import { describeError } from '../api';
import type { ShownError } from '../api';
import { useApi } from '../api-context';
import { oldCodeSentence } from '../hooks/useRecoveryCode';
import { JobFailure } from './JobFailure';
import { ModalDialog } from './ModalDialog';
import { RecoveryCodeGroups } from './RecoveryCodeGroups';
import { RecoverySheet } from './RecoverySheet';
import './recovery-code.css';

type Stage =
  | { kind: 'explain'; declined: boolean }
  | { kind: 'creating' }
  | { kind: 'shown'; created: RecoveryCodeCreated }
  | { kind: 'failed'; error: ShownError };

interface RecoveryCodeDialogProps {
  open: boolean;
  /** What exists now: a code being replaced is named, with what it keeps opening. */
  state: RecoveryCodeState | null;
  onClose: () => void;
}

/**
 * Making a recovery code: what it is first, then the code, shown this once, with the printable
 * sheet. It closes only once the person ticked that they saved or printed it: NoteVault never
 * shows the code again. Replacing a code is confirmed in main's own dialog.
 */
export function RecoveryCodeDialog({ open, state, onClose }: RecoveryCodeDialogProps) {
  const api = useApi();
  const [stage, setStage] = useState<Stage>({ kind: 'explain', declined: false });
  const replacing = state?.createdAt != null;

  useEffect(() => {
    // Each opening starts again; closing drops the code from the page.
    if (open) setStage({ kind: 'explain', declined: false });
  }, [open]);

  const create = () => {
    setStage({ kind: 'creating' });
    api.recoveryCode
      .create()
      .then((created) =>
        setStage(created === null ? { kind: 'explain', declined: true } : { kind: 'shown', created }),
      )
      .catch((error: unknown) => setStage({ kind: 'failed', error: describeError(error) }));
  };

  return (
    <ModalDialog
      open={open}
      title={
        stage.kind === 'shown'
          ? 'Your recovery code'
          : replacing
            ? 'Replace your recovery code'
            : 'Create a recovery code'
      }
      // Once shown, Escape does not close: the code must be saved first (the box says so).
      onEscape={() => (stage.kind === 'shown' || stage.kind === 'creating' ? undefined : onClose())}
    >
      {stage.kind === 'explain' || stage.kind === 'creating' ? (
        <>
          <p>
            A recovery code is a second way into your backups, for the day you forget your passkey: restoring,
            checking or browsing a backup accepts it instead of the passkey. {RECOVERY_CODE_OPENS}
          </p>
          <p>
            NoteVault shows the code once. You then print it or write it down, and keep it somewhere safe away
            from this computer.
          </p>
          {replacing && state !== null ? (
            <p className="dialog-warning">
              The new code replaces the one made {new Date(state.createdAt ?? '').toLocaleDateString()}.{' '}
              {state.opens.total === 0
                ? 'No backup in the backup folder opens with that code.'
                : `That code will keep opening the ${state.opens.total === 1 ? 'backup' : `${state.opens.total} backups`} made while it existed: ${state.opens.names.slice(0, 10).join(', ')}${state.opens.total > 10 ? ', and more' : ''}.`}
            </p>
          ) : null}
          {stage.kind === 'explain' && stage.declined ? (
            <p role="status">Nothing was changed: your recovery code stays as it was.</p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" onClick={onClose} disabled={stage.kind === 'creating'}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              autoFocus
              onClick={create}
              disabled={stage.kind === 'creating'}
            >
              {stage.kind === 'creating'
                ? 'Working…'
                : replacing
                  ? 'Replace recovery code'
                  : 'Create recovery code'}
            </button>
          </div>
        </>
      ) : null}
      {stage.kind === 'shown' ? <ShownCode created={stage.created} onClose={onClose} /> : null}
      {stage.kind === 'failed' ? (
        <JobFailure
          error={stage.error}
          onClose={onClose}
          onRetry={() => setStage({ kind: 'explain', declined: false })}
        />
      ) : null}
    </ModalDialog>
  );
}

function ShownCode({ created, onClose }: { created: RecoveryCodeCreated; onClose: () => void }) {
  const id = useId();
  const [saved, setSaved] = useState(false);
  const [copyNotice, setCopyNotice] = useState('');
  const copy = () => {
    navigator.clipboard
      .writeText(created.code)
      .then(() =>
        setCopyNotice('The code is copied. Paste it into your password manager, then clear the clipboard.'),
      )
      .catch(() => {
        // The app's window may not write the clipboard by itself (its permissions are all
        // refused): select the code so Ctrl+C copies it.
        const shown = document.getElementById(`${id}-code`);
        if (shown !== null) window.getSelection()?.selectAllChildren(shown);
        setCopyNotice('The code is selected: press Ctrl+C (⌘C on a Mac) to copy it, or write it down.');
      });
  };
  const old = created.oldCodeStillOpens;
  return (
    <>
      <p id={`${id}-keep`}>{RECOVERY_CODE_KEEPING}</p>
      <RecoveryCodeGroups code={created.code} id={`${id}-code`} />
      <div className="recovery-code-actions">
        <button type="button" autoFocus onClick={() => window.print()}>
          Print recovery sheet
        </button>
        <button type="button" onClick={copy}>
          Copy code
        </button>
      </div>
      <p role="status" className="dialog-hint">
        {copyNotice}
      </p>
      {old.total > 0 ? <p className="dialog-warning">{oldCodeSentence(old)}</p> : null}
      <label className="checkbox-row">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />I have
        saved or printed it
      </label>
      <div className="dialog-actions">
        {saved ? null : (
          <p id={`${id}-reason`} className="dialog-reason">
            Tick the box once the code is saved: it is not shown again.
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={!saved}
          aria-describedby={saved ? undefined : `${id}-reason`}
          onClick={onClose}
        >
          Done
        </button>
      </div>
      <RecoverySheet code={created.code} createdAt={created.createdAt} />
    </>
  );
}
