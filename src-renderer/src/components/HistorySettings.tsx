import { useId } from 'react';
import { HISTORY_CAP_LIMITS } from '../../../src-shared/settings';
import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useSettledSave } from '../hooks/useSettledSave';
import './note-history.css';

interface HistorySettingsProps {
  settings: Settings;
  onError: (error: unknown) => void;
}

/** How much room notes' kept versions may take; past it the oldest go first. */
export function HistorySettings({ settings, onError }: HistorySettingsProps) {
  const id = useId();
  const api = useApi();
  // Saved once the number settles, as "keep the newest" is (a held arrow key steps it fast).
  const [megabytes, setMegabytes] = useSettledSave(
    settings.historyMaxMegabytes ?? HISTORY_CAP_LIMITS.default,
    (value) => api.settings.update({ historyMaxMegabytes: value }),
    onError,
  );
  return (
    <fieldset className="settings-group">
      <legend>History of notes</legend>
      <div className="settings-field">
        <label htmlFor={`${id}-cap`}>Keep earlier versions of notes up to</label>
        <input
          id={`${id}-cap`}
          type="number"
          className="number-field"
          min={HISTORY_CAP_LIMITS.min}
          max={HISTORY_CAP_LIMITS.max}
          aria-describedby={`${id}-unit ${id}-hint`}
          value={megabytes}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isInteger(value) && value >= HISTORY_CAP_LIMITS.min && value <= HISTORY_CAP_LIMITS.max)
              setMegabytes(value);
          }}
        />
        <span id={`${id}-unit`}>MB</span>
      </div>
      <p id={`${id}-hint`} className="settings-hint">
        Past this size the oldest versions are removed first. Versions are thinned over time too: all of the
        last day, one per hour for a week, one per day for a month, then one per week.
      </p>
    </fieldset>
  );
}
