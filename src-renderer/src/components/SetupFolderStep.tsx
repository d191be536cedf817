import { useId } from 'react';
import { useApi } from '../api-context';

interface SetupFolderStepProps {
  folder: string | null;
  onClose: () => void;
  onNext: () => void;
  onError: (error: unknown) => void;
}

/** Set up backups, step 1: the folder, chosen in the native dialog as Settings does. */
export function SetupFolderStep({ folder, onClose, onNext, onError }: SetupFolderStepProps) {
  const id = useId();
  const api = useApi();
  return (
    <>
      <p>
        Step 1 of 2: choose where backups go. A folder on another drive, or one your cloud storage syncs,
        keeps them safe from a broken disk.
      </p>
      <p className="folder-path">{folder ?? 'No folder chosen yet.'}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          autoFocus
          onClick={() => {
            api.settings.chooseBackupFolder().catch(onError);
          }}
        >
          {folder === null ? 'Choose folder…' : 'Choose another folder…'}
        </button>
        <button
          type="button"
          disabled={folder === null}
          aria-describedby={folder === null ? `${id}-folder-reason` : undefined}
          onClick={onNext}
        >
          Next
        </button>
      </div>
      {folder === null && (
        <p id={`${id}-folder-reason`} className="disabled-reason">
          Choose a folder to go on.
        </p>
      )}
    </>
  );
}
