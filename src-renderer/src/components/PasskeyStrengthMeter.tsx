import { PASSKEY_SCORE } from '../../../src-shared/passkey-strength';
import type { PasskeyStrength } from '../hooks/usePasskeyStrength';

const SCORE_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

interface PasskeyStrengthMeterProps {
  /** The element id the passkey field names in aria-describedby. */
  id: string;
  passkey: string;
  /** From usePasskeyStrength(passkey) in the owner, which also applies the rule. */
  strength: PasskeyStrength | null;
}

/**
 * A new passkey's strength: a meter that fills one coloured step per score (0-1 danger, 2
 * warning, 3-4 success; "Very weak" is not an empty meter), its word, and zxcvbn's advice
 * below "good". Shared by every form that sets a new passkey.
 */
export function PasskeyStrengthMeter({ id, passkey, strength }: PasskeyStrengthMeterProps) {
  const weak = strength !== null && strength.score < PASSKEY_SCORE.good;
  return (
    <div id={id} className="passkey-strength" aria-live="polite">
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
  );
}
