import { useId } from 'react';
import { checkTypedRecoveryCode } from '../keys/recovery-code-typing';

interface RecoveryCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Read-only while main works, so focus stays in the field. */
  readOnly?: boolean;
  /** The id of the hint under the field, for the owner's disabled button to name as its reason. */
  hintId?: string;
}

/**
 * The recovery code, typed as the recovery sheet shows it: each group is checked as soon as it
 * is typed (checkTypedRecoveryCode), and the hint under the field says which group to fix.
 */
export function RecoveryCodeField({ value, onChange, readOnly = false, hintId }: RecoveryCodeFieldProps) {
  const id = useId();
  const hint = hintId ?? `${id}-hint`;
  const typed = checkTypedRecoveryCode(value);
  const text =
    typed.problem ??
    (typed.ready
      ? 'The code is complete and every group checks out.'
      : `8 groups of 5 letters and digits, as on your recovery sheet: ${typed.groupsTyped} of 8 typed.`);
  return (
    <>
      <label htmlFor={`${id}-code`}>Recovery code</label>
      <input
        id={`${id}-code`}
        className="recovery-code-input"
        type="text"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        autoFocus
        value={value}
        readOnly={readOnly}
        aria-invalid={typed.problem !== null}
        aria-describedby={hint}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={hint} className={typed.problem === null ? 'dialog-hint' : 'field-error'} aria-live="polite">
        {text}
      </p>
    </>
  );
}

/** Why a recovery code cannot be sent yet, or null when it can. */
export function recoveryCodeNotReady(value: string): string | null {
  if (value.trim() === '') return 'Type the recovery code to go on.';
  const typed = checkTypedRecoveryCode(value);
  return typed.ready ? null : (typed.problem ?? 'Type all 8 groups of the recovery code.');
}
