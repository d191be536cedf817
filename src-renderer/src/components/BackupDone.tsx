import type { BackupCreated } from '../../../src-shared/ipc/contract-backup';
import { formatBytes } from '../../../src-shared/format';
import { formatCount } from '../../../src-shared/format';

interface BackupDoneProps {
  result: BackupCreated;
  onShowInFolder: () => void;
  onClose: () => void;
}

/** The backup dialog's last step: the file made and checked, where it is, how large. */
export function BackupDone({ result, onShowInFolder, onClose }: BackupDoneProps) {
  return (
    <div role="status">
      <p>
        <strong>Backup saved.</strong> {formatCount(result.noteCount, 'note')}{' '}
        {result.noteCount === 1 ? 'was' : 'were'} backed up and the file was checked.
      </p>
      <dl className="facts">
        <dt>File</dt>
        <dd>{result.fileName}</dd>
        <dt>Folder</dt>
        <dd>{result.folder}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(result.size)}</dd>
      </dl>
      <div className="dialog-actions">
        <button type="button" onClick={onShowInFolder}>
          Show in folder
        </button>
        <button type="button" className="primary" autoFocus onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
