import { useId } from 'react';
import type { PasskeyStrength } from '../hooks/usePasskeyStrength';
import { PasskeyStrengthMeter } from './PasskeyStrengthMeter';

interface PasskeyFieldsProps {
  passkey: string;
  repeat: string;
  onPasskeyChange: (value: string) => void;
  onRepeatChange: (value: string) => void;
  /** From usePasskeyStrength(passkey) in the owner, which also decides what a weak one needs. */
  strength: PasskeyStrength | null;
  /** A passphrase the owner generated and filled in, shown in clear to be saved; null otherwise. */
  suggested?: string | null;
  /** Offers "Suggest a passphrase" when given. */
  onSuggest?: () => void;
  disabled: boolean;
  /** What the passkey is for; "A passkey for this backup" by default. */
  legend?: string;
  /** The two fields' labels; "Passkey" and "Passkey again" by default. */
  passkeyLabel?: string;
  repeatLabel?: string;
  /** Whether the first field takes focus as it appears (not when another field comes first). */
  autoFocus?: boolean;
}

/** A new passkey typed twice, with its strength meter. */
export function PasskeyFields(props: PasskeyFieldsProps) {
  const { passkey, repeat, disabled, strength } = props;
  const id = useId();
  const mismatch = repeat !== '' && repeat !== passkey;

  return (
    <fieldset className="passkey-fields" disabled={disabled}>
      <legend>{props.legend ?? 'A passkey for this backup'}</legend>
      <label htmlFor={`${id}-passkey`}>{props.passkeyLabel ?? 'Passkey'}</label>
      <input
        id={`${id}-passkey`}
        type="password"
        autoComplete="new-password"
        autoFocus={props.autoFocus ?? true}
        value={passkey}
        onChange={(event) => props.onPasskeyChange(event.target.value)}
        aria-describedby={`${id}-strength`}
      />
      <PasskeyStrengthMeter id={`${id}-strength`} passkey={passkey} strength={strength} />
      <label htmlFor={`${id}-repeat`}>{props.repeatLabel ?? 'Passkey again'}</label>
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
      {props.onSuggest === undefined ? null : (
        <div className="passphrase-suggestion">
          <button type="button" onClick={props.onSuggest}>
            Suggest a passphrase
          </button>
          {props.suggested == null ? null : (
            <p aria-live="polite">
              Suggested: <code className="suggested-passphrase">{props.suggested}</code>. Save it in your
              password manager before you start.
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
