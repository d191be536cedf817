import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { passkeyScoreProblem } from '../../../src-shared/passkey-strength';
import { usePasskeyStrength } from '../hooks/usePasskeyStrength';
import { useWayIn } from '../hooks/useWayIn';
import { ModalDialog } from './ModalDialog';
import { PasskeyStrengthMeter } from './PasskeyStrengthMeter';
import { WayInInput } from './WayInInput';

interface PasskeyPromptProps {
  open: boolean;
  title: string;
  /** What the passkey is for, shown above the field. */
  explanation: string;
  submitLabel: string;
  /**
   * A new passkey (turning on scheduled backups): asked twice, so a typo cannot lock the person
   * out, with the strength meter and the shared rule main applies (src-shared/passkey-strength.ts).
   */
  confirm?: boolean;
  busy: boolean;
  onSubmit: (passkey: string) => void;
  /**
   * Offers "Use a recovery code instead" (opening an existing backup, issue #16); called with
   * the code as typed once every group checks out.
   */
  onSubmitRecoveryCode?: (recoveryCode: string) => void;
  onCancel: () => void;
}

/** One passkey (or the same one twice), asked for in a modal dialog; never kept after it closes. */
export function PasskeyPrompt(props: PasskeyPromptProps) {
  return (
    <ModalDialog open={props.open} title={props.title} onEscape={props.onCancel}>
      {props.onSubmitRecoveryCode !== undefined && props.confirm !== true ? (
        <WayInForm {...props} onSubmitRecoveryCode={props.onSubmitRecoveryCode} />
      ) : (
        <PasskeyForm {...props} />
      )}
    </ModalDialog>
  );
}

/** An existing backup's passkey, or its recovery code instead. */
function WayInForm({
  explanation,
  submitLabel,
  busy,
  onSubmit,
  onSubmitRecoveryCode,
  onCancel,
}: PasskeyPromptProps & { onSubmitRecoveryCode: (recoveryCode: string) => void }) {
  const wayIn = useWayIn('Type a passkey to go on.');
  const id = useId();
  const { reason } = wayIn;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason !== null || busy) return;
    if (wayIn.kind === 'passkey') onSubmit(wayIn.passkey);
    else onSubmitRecoveryCode(wayIn.recoveryCode);
  };
  return (
    <form onSubmit={submit}>
      <p>{explanation}</p>
      <WayInInput wayIn={wayIn} passkeyLabel="Passkey" readOnly={busy} hintId={`${id}-reason`} />
      <div className="dialog-actions">
        {/* The recovery-code field's hint is its reason; the passkey's is said here. */}
        {reason !== null && wayIn.kind === 'passkey' ? (
          <p id={`${id}-reason`} className="dialog-reason">
            {reason}
          </p>
        ) : null}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="submit"
          disabled={reason !== null || busy}
          aria-describedby={reason !== null ? `${id}-reason` : undefined}
        >
          {busy ? 'Working…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

function PasskeyForm({ explanation, submitLabel, confirm, busy, onSubmit, onCancel }: PasskeyPromptProps) {
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const id = useId();
  const mismatch = confirm === true && repeat !== '' && repeat !== passkey;
  // Only a new passkey is scored: one for existing backups was chosen long ago.
  const strength = usePasskeyStrength(confirm === true ? passkey : '');
  const tooWeak =
    confirm !== true || passkey === ''
      ? null
      : strength === null
        ? 'Checking the passkey…'
        : passkeyScoreProblem(strength.score, strength.warning || null);
  // Why the submit button is disabled, said beside it; a mismatch is also said under the field.
  const reason =
    passkey === ''
      ? 'Type a passkey to go on.'
      : (tooWeak ?? (confirm === true && repeat !== passkey ? 'Type the same passkey again.' : null));
  const ready = reason === null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !busy) onSubmit(passkey);
  };
  return (
    <form onSubmit={submit}>
      <p>{explanation}</p>
      <label htmlFor={`${id}-passkey`}>Passkey</label>
      <input
        id={`${id}-passkey`}
        type="password"
        autoComplete="current-password"
        autoFocus
        value={passkey}
        // Read-only rather than disabled while main works: a disabled field drops its focus to
        // the page, and every other control here is disabled too, so a keyboard user is lost.
        readOnly={busy}
        aria-busy={busy}
        onChange={(event) => setPasskey(event.target.value)}
        aria-describedby={confirm ? `${id}-strength` : undefined}
      />
      {confirm ? (
        <>
          <PasskeyStrengthMeter id={`${id}-strength`} passkey={passkey} strength={strength} />
          <label htmlFor={`${id}-repeat`}>Passkey again</label>
          <input
            id={`${id}-repeat`}
            type="password"
            autoComplete="current-password"
            value={repeat}
            readOnly={busy}
            aria-busy={busy}
            aria-invalid={mismatch}
            aria-describedby={`${id}-mismatch`}
            onChange={(event) => setRepeat(event.target.value)}
          />
          <p id={`${id}-mismatch`} className="field-error" aria-live="polite">
            {mismatch ? 'The two passkeys are different.' : ''}
          </p>
        </>
      ) : null}
      <div className="dialog-actions">
        {reason !== null ? (
          <p id={`${id}-reason`} className="dialog-reason">
            {reason}
          </p>
        ) : null}
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button
          type="submit"
          disabled={!ready || busy}
          aria-describedby={reason !== null ? `${id}-reason` : undefined}
        >
          {busy ? 'Working…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
