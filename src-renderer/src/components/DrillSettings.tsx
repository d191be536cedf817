import { useId, useState } from 'react';
import { formatAgo, formatDateTime } from '../../../src-shared/format';
import type { DrillsStatus } from '../../../src-shared/ipc/contract-drills';
import { DRILL_INTERVALS, drillInterval } from '../../../src-shared/settings';
import type { DrillInterval, Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useDrills } from '../hooks/useDrills';
import { DrillResult } from './DrillResult';
import { PasskeyPrompt } from './PasskeyPrompt';

export const DRILL_LABELS: Record<DrillInterval, string> = {
  off: 'Never (only when I ask)',
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
};

interface DrillSettingsProps {
  settings: Settings;
  /** A destination's name for people (its folder as main words it), from its id. */
  destinationName: (id: string) => string;
  onError: (error: unknown) => void;
}

/** "Last test 2 days ago. Next test: 13 Dec 2026, 09:00." from drills:status. */
function drillStatusText(status: DrillsStatus | null, running: boolean, now: number): string {
  if (running || status?.running) return 'Testing backups now…';
  if (status === null) return '';
  const last =
    status.lastRunAt === null
      ? 'No restore test has run yet.'
      : `Last test ${formatAgo(status.lastRunAt, now)}.`;
  return status.nextRunAt === null ? last : `${last} Next test: ${formatDateTime(status.nextRunAt)}.`;
}

/**
 * How often NoteVault test-restores backups (a full restore into a private place, compared with
 * what the backup says it holds), and a test on demand, which asks for the passkey or the
 * recovery code so it can test any backup, not only those this computer's key opens.
 */
export function DrillSettings({ settings, destinationName, onError }: DrillSettingsProps) {
  const id = useId();
  const api = useApi();
  const schedule = drillInterval(settings);
  const drills = useDrills(onError, schedule);
  const [asking, setAsking] = useState(false);
  const busy = drills.running || (drills.status?.running ?? false);
  // "Test a restore now" and "Stop testing" are one button element that changes its words (same
  // place, same type), so focus stays on it while a test starts and ends; the e2e gate checks it.
  const submit = (wayIn: { passkey: string } | { recoveryCode: string }) => {
    setAsking(false);
    drills.runNow(wayIn);
  };
  return (
    <fieldset className="settings-group">
      <legend>Restore tests</legend>
      <p id={`${id}-what`} className="settings-hint">
        A restore test opens a backup completely in a private place, away from your notes, and checks that
        every note is there as it was backed up. Tests on the schedule check the scheduled backups this
        computer can open.
      </p>
      <div className="settings-field">
        <label htmlFor={`${id}-schedule`}>Test backups</label>
        <select
          id={`${id}-schedule`}
          aria-describedby={`${id}-what`}
          value={schedule}
          onChange={(event) => {
            api.settings.update({ drillSchedule: event.target.value as DrillInterval }).catch(onError);
          }}
        >
          {DRILL_INTERVALS.map((value) => (
            <option key={value} value={value}>
              {DRILL_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <p role="status">{drillStatusText(drills.status, drills.running, Date.now())}</p>
      {busy ? (
        <button type="button" onClick={drills.cancel}>
          Stop testing
        </button>
      ) : (
        <button type="button" disabled={settings.backupFolder === null} onClick={() => setAsking(true)}>
          Test a restore now…
        </button>
      )}
      {drills.result ? <DrillResult run={drills.result} destinationName={destinationName} /> : null}
      <PasskeyPrompt
        open={asking}
        title="Test a restore now"
        explanation="Enter the passkey of your backups, or a recovery code. NoteVault restores the newest backup and one older one in each place into a private folder and checks every note; your notes are not touched."
        submitLabel="Test"
        busy={false}
        onCancel={() => setAsking(false)}
        onSubmit={(passkey) => submit({ passkey })}
        onSubmitRecoveryCode={(recoveryCode) => submit({ recoveryCode })}
      />
    </fieldset>
  );
}
