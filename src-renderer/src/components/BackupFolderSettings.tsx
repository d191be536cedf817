import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { DestinationState } from './DestinationState';

interface BackupFolderSettingsProps {
  settings: Settings;
  /** The backup folder's state from destinations:status (cloud-sync client, reachable), once known. */
  status: DestinationStatusView | undefined;
  onError: (error: unknown) => void;
}

/** The backup folder, chosen in main's own dialog, and what main knows of it. */
export function BackupFolderSettings({ settings, status, onError }: BackupFolderSettingsProps) {
  const api = useApi();
  return (
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
      {status && settings.backupFolder !== null ? (
        <DestinationState status={status} now={Date.now()} />
      ) : null}
    </fieldset>
  );
}
