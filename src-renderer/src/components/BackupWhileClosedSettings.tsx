import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import './backup-destinations.css';

interface BackupWhileClosedSettingsProps {
  settings: Settings;
  /** Windows alone can run the task while the person is logged off (Task Scheduler's S4U). */
  windows: boolean;
  /** What the operating system has registered, in one sentence from main; null while unknown. */
  registration: string | null;
  onError: (error: unknown) => void;
}

/**
 * "Keep backing up when NoteVault is closed": main registers the operating system's own
 * scheduler (src-main/os-schedule/) when this changes, and removes it when turned off.
 */
export function BackupWhileClosedSettings({
  settings,
  windows,
  registration,
  onError,
}: BackupWhileClosedSettingsProps) {
  const api = useApi();
  const current = settings.backupWhileClosed ?? { enabled: false, whenLoggedOff: false };
  const scheduleOff = settings.schedule === 'off';
  const save = (next: typeof current) => {
    api.settings.update({ backupWhileClosed: next }).catch(onError);
  };
  return (
    <>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.enabled}
          onChange={(event) => save({ ...current, enabled: event.target.checked })}
        />
        Keep backing up when NoteVault is closed
      </label>
      {windows && current.enabled ? (
        <label className="checkbox nested-checkbox">
          <input
            type="checkbox"
            checked={current.whenLoggedOff}
            onChange={(event) => save({ ...current, whenLoggedOff: event.target.checked })}
          />
          Also when I am logged off
        </label>
      ) : null}
      {current.enabled ? (
        <p className="settings-hint" role="status">
          {scheduleOff
            ? 'Nothing runs while scheduled backups are off: turn them on above.'
            : (registration ?? '')}
        </p>
      ) : null}
    </>
  );
}
