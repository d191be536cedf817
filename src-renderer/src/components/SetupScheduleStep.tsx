import { useId, useState } from 'react';
import { passkeyScoreProblem } from '../../../src-shared/passkey-strength';
import type { KeychainStatus } from '../../../src-shared/ipc/contract-schedule';
import type { ScheduleInterval } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { SCHEDULE_LABELS } from '../backup-format';
import { useApiCall } from '../hooks/useLatestCall';
import { usePasskeyStrength } from '../hooks/usePasskeyStrength';
import type { PasskeyStrength } from '../hooks/usePasskeyStrength';
import { PasskeyFields } from './PasskeyFields';

export type OnInterval = Exclude<ScheduleInterval, 'off'>;
const ON_INTERVALS: OnInterval[] = ['hourly', 'daily', 'weekly'];

/** Why "Turn on scheduled backups" cannot be pressed yet, or null when it can. */
function blocker(
  keychain: KeychainStatus | null,
  passkey: string,
  repeat: string,
  strength: PasskeyStrength | null,
): string | null {
  if (keychain !== null && !keychain.available)
    return `Scheduled backups are not available: ${keychain.reason ?? ''}`;
  if (passkey === '') return 'Type a passkey to go on.';
  if (strength === null) return 'Checking the passkey…';
  return (
    passkeyScoreProblem(strength.score, strength.warning) ??
    (repeat !== passkey ? 'Type the same passkey again.' : null)
  );
}

interface SetupScheduleStepProps {
  interval: OnInterval;
  onIntervalChange: (interval: OnInterval) => void;
  onBack: () => void;
  /** Scheduled backups are on. */
  onEnabled: () => void;
  onError: (error: unknown) => void;
}

/**
 * Set up backups, step 2: a passkey typed twice under the shared strength rule
 * (passkeyScoreProblem), and how often; schedule:enable seals its key for unattended runs.
 */
export function SetupScheduleStep({
  interval,
  onIntervalChange,
  onBack,
  onEnabled,
  onError,
}: SetupScheduleStepProps) {
  const id = useId();
  const api = useApi();
  const [passkey, setPasskey] = useState('');
  const [repeat, setRepeat] = useState('');
  const [working, setWorking] = useState(false);
  const strength = usePasskeyStrength(passkey);
  const keychain = useApiCall((a) => a.schedule.keychainStatus(), [], onError).data ?? null;

  const reason = blocker(keychain, passkey, repeat, strength);
  const turnOn = () => {
    setWorking(true);
    api.schedule
      .enable({ interval, passkey })
      .then(() => {
        onEnabled();
      })
      .catch(onError)
      .finally(() => setWorking(false));
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (reason === null && !working) turnOn();
      }}
    >
      <p>
        Step 2 of 2: a passkey for your backups, and how often to make them. NoteVault cannot recover a
        forgotten passkey; keep it in your password manager.
      </p>
      <PasskeyFields
        passkey={passkey}
        repeat={repeat}
        onPasskeyChange={setPasskey}
        onRepeatChange={setRepeat}
        strength={strength}
        disabled={working}
      />
      <label htmlFor={`${id}-interval`}>How often</label>
      <select
        id={`${id}-interval`}
        value={interval}
        disabled={working}
        onChange={(event) => onIntervalChange(event.target.value as OnInterval)}
      >
        {ON_INTERVALS.map((value) => (
          <option key={value} value={value}>
            {SCHEDULE_LABELS[value]}
          </option>
        ))}
      </select>
      <div className="dialog-actions">
        <button type="button" onClick={onBack} disabled={working}>
          Back
        </button>
        <button
          type="submit"
          disabled={reason !== null || working}
          aria-describedby={reason !== null ? `${id}-reason` : undefined}
        >
          {working ? 'Turning on…' : 'Turn on scheduled backups'}
        </button>
      </div>
      {reason !== null && (
        <p id={`${id}-reason`} className="disabled-reason">
          {reason}
        </p>
      )}
    </form>
  );
}
