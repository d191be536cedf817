import { formatAgo } from '../../../src-shared/format';
import type { OsScheduleStatus } from '../../../src-shared/ipc/contract-os-schedule';
import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { ErrorDetails } from './ErrorDetails';
import './backup-destinations.css';

interface BackupWhileClosedSettingsProps {
  settings: Settings;
  /** osSchedule:status: what the operating system has registered, and main's platform; null while unknown. */
  os: OsScheduleStatus | null;
  now: number;
  onError: (error: unknown) => void;
}

/** One sentence on what the operating system runs while NoteVault is closed. */
function registrationText(os: OsScheduleStatus | null, now: number): string {
  if (os === null) return '';
  if (os.message !== null) return os.message;
  if (!os.registered) return 'The system has nothing registered for NoteVault yet.';
  const where = os.where === null ? '' : ` (${os.where})`;
  const last =
    os.lastHeadlessRunAt === null
      ? ''
      : ` It last ran while NoteVault was closed ${formatAgo(os.lastHeadlessRunAt, now)}.`;
  return `The system runs NoteVault's scheduled backups while it is closed${where}.${last}`;
}

/**
 * "Keep backing up when NoteVault is closed": main registers the operating system's own
 * scheduler (src-main/os-schedule/) when this changes, and removes it when turned off.
 */
export function BackupWhileClosedSettings({ settings, os, now, onError }: BackupWhileClosedSettingsProps) {
  const api = useApi();
  const current = settings.backupWhileClosed ?? { enabled: false, whenLoggedOff: false };
  // Windows alone can run the task while the person is logged off (Task Scheduler's S4U).
  const windows = os?.platform === 'win32';
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
        <div className="settings-hint" role="status">
          <p>
            {settings.schedule === 'off'
              ? 'Nothing runs while scheduled backups are off: turn them on above.'
              : registrationText(os, now)}
          </p>
          {os?.message ? <ErrorDetails error={{ message: os.message, details: os.details }} /> : null}
        </div>
      ) : null}
    </>
  );
}
