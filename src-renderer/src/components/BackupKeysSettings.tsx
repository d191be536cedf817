import { useState } from 'react';
import { ChangePasskeyDialog } from './ChangePasskeyDialog';
import { RecoveryCodeSettings } from './RecoveryCodeSettings';

interface BackupKeysSettingsProps {
  onError: (error: unknown) => void;
}

/** Settings → the ways into your backups: the recovery code, and changing the passkey (issue #16). */
export function BackupKeysSettings({ onError }: BackupKeysSettingsProps) {
  const [changing, setChanging] = useState(false);
  return (
    <fieldset className="settings-group">
      <legend>Passkey and recovery code</legend>
      <RecoveryCodeSettings onError={onError} />
      <div className="settings-subgroup">
        <h3>Passkey</h3>
        <p>Give the backups in your backup folder a new passkey, for example if someone may have seen it.</p>
        <button type="button" onClick={() => setChanging(true)}>
          Change passkey…
        </button>
        <ChangePasskeyDialog open={changing} onClose={() => setChanging(false)} />
      </div>
    </fieldset>
  );
}
