import { useId } from 'react';
import { formatBytes, pluralNoun } from '../../../src-shared/format';
import { BACKUP_CAP_LIMITS, KEEP_LAST_LIMITS } from '../../../src-shared/settings';
import type { RetentionPolicy, SettingsPatch } from '../../../src-shared/settings';
import { useSettledSave } from '../hooks/useSettledSave';

type RetentionPatch = NonNullable<SettingsPatch['retention']>;

/** The cap a person starts from when they turn it on: room for a few dozen usual backups. */
export const DEFAULT_CAP_MEGABYTES = 5 * 1024;

interface RetentionFieldsProps {
  retention: RetentionPolicy;
  /** Saves a change of this destination's retention (the backup folder's, or an extra one's). */
  save: (patch: RetentionPatch) => Promise<unknown>;
  onError: (error: unknown) => void;
}

const inRange = (value: number, limits: { min: number; max: number }) =>
  Number.isInteger(value) && value >= limits.min && value <= limits.max;

/**
 * One destination's retention: how many of the newest backups are kept, the daily and weekly
 * thinning, and the size cap. The caller's fieldset names the destination, so the same labels
 * read right for every destination.
 */
export function RetentionFields({ retention, save, onError }: RetentionFieldsProps) {
  const id = useId();
  // A held arrow key steps a number ~30 times a second: each number is saved once it settles.
  const [keepLast, setKeepLast] = useSettledSave(
    retention.keepLast,
    (value) => save({ keepLast: value }),
    onError,
  );
  const cap = retention.capMegabytes ?? null;
  const [capDraft, setCap] = useSettledSave(
    cap ?? DEFAULT_CAP_MEGABYTES,
    (value) => save({ capMegabytes: value }),
    onError,
  );
  const saveNow = (patch: RetentionPatch) => {
    save(patch).catch(onError);
  };
  return (
    <>
      <div className="settings-field">
        <label htmlFor={`${id}-keep`}>Always keep the newest</label>
        <input
          id={`${id}-keep`}
          type="number"
          className="number-field"
          min={KEEP_LAST_LIMITS.min}
          max={KEEP_LAST_LIMITS.max}
          aria-describedby={`${id}-keep-unit`}
          value={keepLast}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (inRange(value, KEEP_LAST_LIMITS)) setKeepLast(value);
          }}
        />
        {/* The unit beside the number (issue #14: "keep the newest [10]" said nothing of what). */}
        <span id={`${id}-keep-unit`}>{pluralNoun(keepLast, 'backup')}</span>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={retention.thinDailyWeekly}
          onChange={(event) => saveNow({ thinDailyWeekly: event.target.checked })}
        />
        Also keep one backup per day for a week and one per week
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={cap !== null}
          aria-describedby={`${id}-cap-hint`}
          onChange={(event) => saveNow({ capMegabytes: event.target.checked ? capDraft : null })}
        />
        Limit the space these backups take
      </label>
      {cap === null ? null : (
        <div className="settings-field">
          <label htmlFor={`${id}-cap`}>Keep them under</label>
          <input
            id={`${id}-cap`}
            type="number"
            className="number-field"
            min={BACKUP_CAP_LIMITS.min}
            max={BACKUP_CAP_LIMITS.max}
            aria-describedby={`${id}-cap-unit ${id}-cap-hint`}
            value={capDraft}
            onChange={(event) => {
              const value = Number(event.target.value);
              if (inRange(value, BACKUP_CAP_LIMITS)) setCap(value);
            }}
          />
          <span id={`${id}-cap-unit`}>MB ({formatBytes(capDraft * 1024 * 1024)})</span>
        </div>
      )}
      <p id={`${id}-cap-hint`} className="settings-hint">
        Past the limit the oldest backups go first, but never the newest checked backup or a backup made
        before a restore in the last 30 days. The Backups view shows what the next clean-up removes.
      </p>
    </>
  );
}
