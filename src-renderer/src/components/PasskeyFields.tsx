import { useId } from 'react';
import { PASSKEY_SCORE } from '../../../src-shared/passkey-strength';
import type { PasskeyStrength } from '../hooks/usePasskeyStrength';

const SCORE_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

interface PasskeyFieldsProps {
  passkey: string;
  repeat: string;
  onPasskeyChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  /** From usePasskeyStrength(passkey) in the owner, which also decides what a weak one needs. */
  strength: PasskeyStrength | null;
  disabled: boolean;
}

/** A new passkey typed twice, with its strength and what to do about a weak one. */
export function PasskeyFields(props: PasskeyFieldsProps) {
  const { passkey, repeat, disabled, strength } = props;
  const id = useId();
  const weak = strength !== null && strength.score < PASSKEY_SCORE.good;
  const mismatch = repeat !== '' && repeat !== passkey;

  return (
    <fieldset className="passkey-fields" disabled={disabled}>
      <legend>A passkey for this backup</legend>
      <label htmlFor={`${id}-passkey`}>Passkey</label>
      <input
        id={`${id}-passkey`}
        type="password"
        autoComplete="new-password"
        autoFocus
        value={passkey}
        onChange={(event) => props.onPasskeyChange(event.target.value)}
        aria-describedby={`${id}-strength`}
      />
      <div id={`${id}-strength`} className="passkey-strength" aria-live="polite">
        {/* Every score fills at least one step, coloured by score: "Very weak" is not an empty meter. */}
        <div className="strength-meter" data-score={strength?.score ?? -1} aria-hidden="true">
          {[0, 1, 2, 3, 4].map((step) => (
            <span key={step} className={strength !== null && strength.score >= step ? 'filled' : ''} />
          ))}
        </div>
        <span>
          {passkey === ''
            ? 'Use a long phrase of several unrelated words.'
            : strength === null
              ? 'Checking strength…'
              : `Strength: ${SCORE_WORDS[strength.score]}.`}
          {weak && strength.warning ? ` ${strength.warning}` : ''}
          {weak && strength.suggestions[0] ? ` ${strength.suggestions[0]}` : ''}
        </span>
      </div>
      <label htmlFor={`${id}-repeat`}>Passkey again</label>
      <input
        id={`${id}-repeat`}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => props.onRepeatChange(event.target.value)}
        aria-invalid={mismatch}
        aria-describedby={mismatch ? `${id}-mismatch` : undefined}
      />
      {mismatch ? (
        <p id={`${id}-mismatch`} className="field-error">
          The two passkeys are different.
        </p>
      ) : null}
    </fieldset>
  );
}
