import { useId } from 'react';
import type { useSafetyPasskey } from '../hooks/useSafetyPasskey';
import { PasskeyStrengthMeter } from './PasskeyStrengthMeter';

type SafetyPasskeyState = ReturnType<typeof useSafetyPasskey>;

interface RestoreSafetyPasskeyProps {
  state: SafetyPasskeyState;
  /** The id of the problem text, which describes the disabled Replace button. */
  problemId: string;
}

/**
 * Which passkey protects the copy of the current notes made before the restore: never the
 * backup's unless the person says it is theirs too. Shown only when `state.needed`.
 */
export function RestoreSafetyPasskey({ state, problemId }: RestoreSafetyPasskeyProps) {
  const id = useId();
  if (!state.needed) return null;
  return (
    <fieldset className="passkey-fields">
      <legend>Your passkey, to protect a copy of your current notes made before the restore</legend>
      {state.canReuse ? (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={state.same}
            onChange={(event) => state.setSame(event.target.checked)}
          />
          Use the same passkey as this backup&apos;s for the copy of my current notes
        </label>
      ) : null}
      {state.same ? null : (
        <>
          <label htmlFor={`${id}-passkey`}>Your passkey</label>
          <input
            id={`${id}-passkey`}
            type="password"
            autoComplete="new-password"
            value={state.passkey}
            onChange={(event) => state.setPasskey(event.target.value)}
            aria-describedby={`${id}-strength`}
          />
          <PasskeyStrengthMeter id={`${id}-strength`} passkey={state.passkey} strength={state.strength} />
          <label htmlFor={`${id}-repeat`}>Your passkey again</label>
          <input
            id={`${id}-repeat`}
            type="password"
            autoComplete="new-password"
            value={state.repeat}
            onChange={(event) => state.setRepeat(event.target.value)}
          />
          {state.problem === null ? null : (
            <p id={problemId} className="field-error">
              {state.problem}
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
