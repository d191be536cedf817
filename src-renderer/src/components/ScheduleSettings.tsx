import { useId, useState } from 'react';
import type { ScheduleInterval, Settings } from '../../../src-shared/settings';
import type { KeychainStatus } from '../../../src-shared/ipc/contract-schedule';
import { useApi } from '../api-context';
import type { CallState } from '../latest-call';
import { useApiCall } from '../hooks/useLatestCall';
import { SCHEDULE_LABELS } from '../backup-format';
import { PasskeyPrompt } from './PasskeyPrompt';

type OnInterval = Exclude<ScheduleInterval, 'off'>;
const ON_INTERVALS: OnInterval[] = ['hourly', 'daily', 'weekly'];

interface ScheduleSettingsProps {
  settings: Settings;
  onError: (error: unknown) => void;
}

/** Why "Turn on scheduled backups" cannot be pressed yet, said beside it (issue #14), or null. */
function turnOnBlocker(settings: Settings, keychain: CallState<KeychainStatus>): string | null {
  if (settings.backupFolder === null) return 'Choose a backups folder first.';
  if (keychain.data?.available === false) return 'Not available on this computer (see above).';
  if (keychain.data !== undefined) return null;
  return keychain.error !== undefined
    ? 'NoteVault could not check the system keychain. Open Settings again to retry.'
    : 'Checking the system keychain…';
}

/**
 * The schedule: turning it on asks for the passkey twice (the key derived from it is sealed by
 * the system keychain for unattended runs); changing the interval while on does not; turning
 * it off forgets the saved key.
 */
export function ScheduleSettings({ settings, onError }: ScheduleSettingsProps) {
  const id = useId();
  const api = useApi();
  const keychainCall = useApiCall((a) => a.schedule.keychainStatus(), [], onError);
  const keychain = keychainCall.data ?? null;
  const [interval, setInterval] = useState<OnInterval>(
    settings.schedule === 'off' ? 'daily' : settings.schedule,
  );
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const on = settings.schedule !== 'off';
  const reason = turnOnBlocker(settings, keychainCall);

  const act = (work: () => Promise<unknown>) => {
    setWorking(true);
    work()
      .catch(onError)
      .finally(() => {
        setWorking(false);
        setAsking(false);
      });
  };

  return (
    <fieldset className="settings-group">
      <legend>Scheduled backups</legend>
      <p id={`${id}-keychain`}>
        {keychain === null
          ? ''
          : keychain.available
            ? `Scheduled backups run while nobody is there to type your passkey, so the key made from it is kept sealed by ${keychain.keychainName}.`
            : `Scheduled backups are not available: ${keychain.reason ?? ''}`}
      </p>
      <div className="settings-field">
        <label htmlFor={`${id}-interval`}>How often</label>
        <select
          id={`${id}-interval`}
          value={interval}
          disabled={working}
          onChange={(event) => {
            const next = event.target.value as OnInterval;
            setInterval(next);
            if (on) act(() => api.settings.update({ schedule: next }));
          }}
        >
          {ON_INTERVALS.map((value) => (
            <option key={value} value={value}>
              {SCHEDULE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      {on ? (
        <button type="button" disabled={working} onClick={() => act(() => api.schedule.disable())}>
          Turn off and forget passkey
        </button>
      ) : (
        <div className="settings-field">
          <button
            type="button"
            disabled={working || reason !== null}
            aria-describedby={reason === null ? `${id}-keychain` : `${id}-reason ${id}-keychain`}
            onClick={() => setAsking(true)}
          >
            Turn on scheduled backups
          </button>
          {reason !== null && (
            <span id={`${id}-reason`} className="disabled-reason">
              {reason}
            </span>
          )}
        </div>
      )}
      <PasskeyPrompt
        open={asking}
        title="Turn on scheduled backups"
        explanation="Enter the passkey for your backups twice. Every scheduled backup opens with it, like your manual ones."
        submitLabel="Turn on"
        confirm
        busy={working}
        onCancel={() => setAsking(false)}
        onSubmit={(passkey) => act(() => api.schedule.enable({ interval, passkey }))}
      />
    </fieldset>
  );
}
