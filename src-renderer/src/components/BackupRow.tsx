import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { formatBytes, formatDateTime } from '../../../src-shared/format';
import { KIND_LABELS, VERIFICATION_LABELS } from '../backup-format';
import { formatCount } from '../../../src-shared/format';
import { BackupCopies, BackupDrillStatus } from './BackupDrillStatus';
import { MenuButton } from './MenuButton';

export type BackupAction = 'verify' | 'browse' | 'restore' | 'show' | 'delete';

interface BackupRowProps {
  backup: BackupListEntry;
  busy: boolean;
  canRestore: boolean;
  /** Shows the copies column (some destination besides the backup folder holds copies). */
  showCopies: boolean;
  /** "2 days ago" is counted from here. */
  now: number;
  onAction: (action: BackupAction, backup: BackupListEntry) => void;
}

/**
 * One backup in the table; every action names its backup for screen readers. Verify and
 * Browse are buttons, the rarer actions sit in a menu, so a row stays one line in a narrow window.
 */
export function BackupRow({ backup, busy, canRestore, showCopies, now, onAction }: BackupRowProps) {
  const when = formatDateTime(backup.createdAt);
  const disabled = (action: BackupAction) => busy && action !== 'show';
  const button = (action: BackupAction, label: string) => (
    <button
      type="button"
      disabled={disabled(action)}
      aria-label={`${label} backup of ${when}`}
      onClick={() => onAction(action, backup)}
    >
      {label}
    </button>
  );
  const item = (action: BackupAction, label: string, danger = false) => ({
    label,
    ariaLabel: `${label} backup of ${when}`,
    disabled: disabled(action),
    danger,
    onSelect: () => onAction(action, backup),
  });
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
        <BackupDrillStatus drill={backup.lastDrill} now={now} />
      </td>
      {showCopies ? (
        <td>
          <BackupCopies copies={backup.copies} now={now} />
        </td>
      ) : null}
      <td className="backup-actions">
        {button('verify', 'Verify')}
        {button('browse', 'Browse')}
        <MenuButton
          label="⋯"
          title="More actions"
          ariaLabel={`More actions for the backup of ${when}`}
          items={[
            ...(canRestore ? [item('restore', 'Restore')] : []),
            item('show', 'Show in folder'),
            item('delete', 'Delete', true),
          ]}
        />
      </td>
    </tr>
  );
}
