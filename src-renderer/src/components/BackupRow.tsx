import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { formatBytes, formatDateTime } from '../../../src-shared/format';
import { KIND_LABELS, VERIFICATION_LABELS } from '../backup-format';
import { formatCount } from '../../../src-shared/format';

export type BackupAction = 'verify' | 'browse' | 'restore' | 'show' | 'delete';

interface BackupRowProps {
  backup: BackupListEntry;
  busy: boolean;
  canRestore: boolean;
  onAction: (action: BackupAction, backup: BackupListEntry) => void;
}

/** One backup in the table; every action button names its backup for screen readers. */
export function BackupRow({ backup, busy, canRestore, onAction }: BackupRowProps) {
  const when = formatDateTime(backup.createdAt);
  const button = (action: BackupAction, label: string, className?: string) => (
    <button
      type="button"
      className={className}
      disabled={busy && action !== 'show'}
      aria-label={`${label} backup of ${when}`}
      onClick={() => onAction(action, backup)}
    >
      {label}
    </button>
  );
  return (
    <tr>
      <th scope="row" title={backup.name}>
        {when}
      </th>
      <td>{formatBytes(backup.sizeBytes)}</td>
      <td>{KIND_LABELS[backup.kind]}</td>
      <td className={`verification verification-${backup.verification}`} title={backup.problem ?? undefined}>
        {VERIFICATION_LABELS[backup.verification]}
        {backup.noteCount === null ? '' : ` · ${formatCount(backup.noteCount, 'note')}`}
      </td>
      <td className="backup-actions">
        {button('verify', 'Verify')}
        {button('browse', 'Browse')}
        {canRestore ? button('restore', 'Restore') : null}
        {button('show', 'Show in folder')}
        {button('delete', 'Delete', 'danger')}
      </td>
    </tr>
  );
}
