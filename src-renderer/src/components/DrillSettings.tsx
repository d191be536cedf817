import { useId } from 'react';
import { DRILL_INTERVALS, drillInterval } from '../../../src-shared/settings';
import type { DrillInterval, Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';

export const DRILL_LABELS: Record<DrillInterval, string> = {
  off: 'Never (only when I ask)',
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
};

interface DrillSettingsProps {
  settings: Settings;
  onError: (error: unknown) => void;
}

/**
 * How often NoteVault test-restores backups (a full restore into a private sandbox, compared
 * with what the backup says it holds), and a test on demand.
 */
export function DrillSettings({ settings, onError }: DrillSettingsProps) {
  const id = useId();
  const api = useApi();
  return (
    <fieldset className="settings-group">
      <legend>Restore tests</legend>
      <p id={`${id}-what`} className="settings-hint">
        A restore test opens a backup completely in a private place, away from your notes, and checks that
        every note is there as it was backed up. Unattended tests check the scheduled backups this computer
        can open.
      </p>
      <div className="settings-field">
        <label htmlFor={`${id}-schedule`}>Test backups</label>
        <select
          id={`${id}-schedule`}
          aria-describedby={`${id}-what`}
          value={drillInterval(settings)}
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
    </fieldset>
  );
}
