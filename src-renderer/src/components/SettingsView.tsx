import { useId } from 'react';
import { PRIMARY_DESTINATION_ID } from '../../../src-shared/settings';
import type { SettingsPatch } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { useDestinations } from '../hooks/useDestinations';
import { useOsSchedule } from '../hooks/useOsSchedule';
import { useSettings } from '../hooks/useSettings';
import { BackupKeysSettings } from './BackupKeysSettings';
import { BackupWhileClosedSettings } from './BackupWhileClosedSettings';
import { BackupFolderSettings } from './BackupFolderSettings';
import { DestinationsSettings } from './DestinationsSettings';
import { DrillSettings } from './DrillSettings';
import { HistorySettings } from './HistorySettings';
import { RetentionFields } from './RetentionFields';
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
  const destinations = useDestinations(settings, onError);
  const osSchedule = useOsSchedule(settings, onError);
  const primary = destinations?.find((destination) => destination.id === PRIMARY_DESTINATION_ID);
  const update = (patch: SettingsPatch) => {
    api.settings.update(patch).catch(onError);
  };
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
          <BackupFolderSettings settings={settings} status={primary} onError={onError} />
          <DestinationsSettings settings={settings} status={destinations} onError={onError} />
          <ScheduleSettings settings={settings} onError={onError} />
          <fieldset className="settings-group">
            <legend>Keeping old backups</legend>
            <RetentionFields
              retention={settings.retention}
              save={(retention) => api.settings.update({ retention })}
              onError={onError}
            />
          </fieldset>
          <DrillSettings
            settings={settings}
            destinationName={(destinationId) =>
              destinations?.find((destination) => destination.id === destinationId)?.folder ?? destinationId
            }
            onError={onError}
          />
          <BackupKeysSettings onError={onError} />
          <HistorySettings settings={settings} onError={onError} />
          <TransferSettings />
          <fieldset className="settings-group">
            <legend>Running NoteVault</legend>
            {flag('closeToTray', 'Closing the window keeps NoteVault running in the tray')}
            <BackupWhileClosedSettings
              settings={settings}
              os={osSchedule}
              now={Date.now()}
              onError={onError}
            />
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
