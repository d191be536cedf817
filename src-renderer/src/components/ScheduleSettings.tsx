import { useId, useState } from 'react';
import type { ScheduleInterval, Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useApiCall } from '../hooks/useLatestCall';
import { SCHEDULE_LABELS } from '../backup-format';
import { PasskeyPrompt } from './PasskeyPrompt';

type OnInterval = Exclude<ScheduleInterval, 'off'>;
const ON_INTERVALS: OnInterval[] = ['hourly', 'daily', 'weekly'];

interface ScheduleSettingsProps {
  settings: Settings;
  onError: (error: unknown) => void;
}

/**
 * The schedule: turning it on asks for the passkey twice (the key derived from it is sealed by
 * the system keychain for unattended runs); changing the interval while on does not; turning
 * it off forgets the saved key.
 */
export function ScheduleSettings({ settings, onError }: ScheduleSettingsProps) {
  const id = useId();
  const api = useApi();
  const keychain = useApiCall((a) => a.schedule.keychainStatus(), [], onError).data ?? null;
  const [interval, setInterval] = useState<OnInterval>(
    settings.schedule === 'off' ? 'daily' : settings.schedule,
  );
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const on = settings.schedule !== 'off';
  // Why "Turn on scheduled backups" cannot be pressed yet, said beside it (issue #14).
  const reason =
    settings.backupFolder === null
      ? 'Choose a backups folder first.'
      : keychain?.available === false
        ? 'Not available on this computer (see above).'
        : null;

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
            disabled={working || reason !== null || keychain?.available !== true}
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
