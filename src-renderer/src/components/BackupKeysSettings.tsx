import { RecoveryCodeSettings } from './RecoveryCodeSettings';

interface BackupKeysSettingsProps {
  onError: (error: unknown) => void;
}

/** Settings → the ways into your backups: the recovery code (issue #16). */
export function BackupKeysSettings({ onError }: BackupKeysSettingsProps) {
  return (
    <fieldset className="settings-group">
      <legend>Passkey and recovery code</legend>
      <RecoveryCodeSettings onError={onError} />
    </fieldset>
  );
}
