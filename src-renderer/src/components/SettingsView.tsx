import { useId } from 'react';
import type { SettingsPatch } from '../../../src-shared/settings';
import { pluralNoun } from '../../../src-shared/format';
import { KEEP_LAST_LIMITS } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { useSettings } from '../hooks/useSettings';
import { useSettledSave } from '../hooks/useSettledSave';
import { BackupKeysSettings } from './BackupKeysSettings';
import { HistorySettings } from './HistorySettings';
import { ScheduleSettings } from './ScheduleSettings';
import { ThemeSettings } from './ThemeSettings';
import { TransferSettings } from './TransferSettings';
import './schedule-views.css';

interface SettingsViewProps {
  onClose: () => void;
  onError: (error: unknown) => void;
}

/** Backup folder, schedule, retention, notes' history, how NoteVault runs and its theme; every change is saved at once. */
export function SettingsView({ onClose, onError }: SettingsViewProps) {
  const id = useId();
  const api = useApi();
  const { settings, loadWarning } = useSettings(onError);
  useEscapeToLeave(onClose);
  const update = (patch: SettingsPatch) => {
    api.settings.update(patch).catch(onError);
  };
  // A held arrow key steps the number ~30 times a second: save the number once it settles.
  const [keepLast, setKeepLast] = useSettledSave(
    settings?.retention.keepLast ?? KEEP_LAST_LIMITS.default,
    (value) => api.settings.update({ retention: { keepLast: value } }),
    onError,
  );
  const flag = (key: 'closeToTray' | 'startAtLogin' | 'notifyOnSuccess', label: string) =>
    settings ? (
      <label className="checkbox">
        <input
          type="checkbox"
          checked={settings[key]}
          onChange={(event) => update({ [key]: event.target.checked })}
        />
        {label}
      </label>
    ) : null;

  return (
    <section className="settings-view" aria-labelledby={`${id}-heading`}>
      <div className="view-header">
        <h2 id={`${id}-heading`} tabIndex={-1}>
          Settings
        </h2>
        <button type="button" onClick={onClose}>
          Back to notes
        </button>
      </div>
      {loadWarning ? <p role="alert">{loadWarning}</p> : null}
      {settings === null ? null : (
        <>
          <fieldset className="settings-group">
            <legend>Backup folder</legend>
            <p>{settings.backupFolder ?? 'Not chosen yet.'}</p>
            <button
              type="button"
              onClick={() => {
                api.settings.chooseBackupFolder().catch(onError);
              }}
            >
              Choose folder…
            </button>
          </fieldset>
          <ScheduleSettings settings={settings} onError={onError} />
          <fieldset className="settings-group">
            <legend>Keeping old backups</legend>
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
                  if (
                    Number.isInteger(value) &&
                    value >= KEEP_LAST_LIMITS.min &&
                    value <= KEEP_LAST_LIMITS.max
                  )
                    setKeepLast(value);
                }}
              />
              {/* The unit beside the number (issue #14: "keep the newest [10]" said nothing of what). */}
              <span id={`${id}-keep-unit`}>{pluralNoun(keepLast, 'backup')}</span>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={settings.retention.thinDailyWeekly}
                onChange={(event) => update({ retention: { thinDailyWeekly: event.target.checked } })}
              />
              Also keep one backup per day for a week and one per week
            </label>
          </fieldset>
          <BackupKeysSettings onError={onError} />
          <HistorySettings settings={settings} onError={onError} />
          <TransferSettings />
          <fieldset className="settings-group">
            <legend>Running NoteVault</legend>
            {flag('closeToTray', 'Closing the window keeps NoteVault running in the tray')}
            {flag('startAtLogin', 'Start NoteVault when I log in')}
            {flag(
              'notifyOnSuccess',
              'Notify me when a scheduled backup succeeds (failures are always notified)',
            )}
          </fieldset>
          <ThemeSettings settings={settings} onError={onError} />
        </>
      )}
    </section>
  );
}
