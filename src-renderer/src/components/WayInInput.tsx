import { useId } from 'react';
import type { WayInState } from '../hooks/useWayIn';
import { RecoveryCodeField } from './RecoveryCodeField';

interface WayInInputProps {
  wayIn: WayInState;
  /** The passkey field's label, e.g. "Passkey of this backup". */
  passkeyLabel: string;
  /** Read-only while main works: a disabled field would drop focus to the page. */
  readOnly: boolean;
  /** The id of the hint under the recovery-code field, which the owner's submit button names. */
  hintId?: string;
}

/**
 * The passkey of a backup, or its recovery code after "Use a recovery code instead" (issue #16):
 * the switch moves focus into the field it shows, and switching back forgets the code.
 */
export function WayInInput({ wayIn, passkeyLabel, readOnly, hintId }: WayInInputProps) {
  const id = useId();
  const usingCode = wayIn.kind === 'recovery-code';
  return (
    <div className="way-in">
      {usingCode ? (
        <RecoveryCodeField
          value={wayIn.recoveryCode}
          onChange={wayIn.setRecoveryCode}
          readOnly={readOnly}
          hintId={hintId}
        />
      ) : (
        <>
          <label htmlFor={`${id}-passkey`}>{passkeyLabel}</label>
          <input
            id={`${id}-passkey`}
            type="password"
            autoComplete="current-password"
            autoFocus
            value={wayIn.passkey}
            readOnly={readOnly}
            aria-busy={readOnly}
            onChange={(event) => wayIn.setPasskey(event.target.value)}
          />
        </>
      )}
      <button
        type="button"
        disabled={readOnly}
        onClick={() => wayIn.setKind(usingCode ? 'passkey' : 'recovery-code')}
      >
        {usingCode ? 'Use the passkey instead' : 'Use a recovery code instead'}
      </button>
    </div>
  );
}
