import { useEffect, useRef } from 'react';
import type { BackupListEntry } from '../../../src-shared/ipc/contract-schedule';
import { formatDateTime } from '../../../src-shared/format';
import { useBackupsView } from '../hooks/useBackupsView';
import { useEscapeToLeave } from '../hooks/useEscapeToLeave';
import { BackupsTable } from './BackupsTable';
import { BrowseBackup } from './BrowseBackup';
import { HealthBanner } from './HealthBanner';
import { PasskeyPrompt } from './PasskeyPrompt';
import { RetentionPreviews } from './RetentionPreviews';
import { ScheduleSummary } from './ScheduleSummary';
import './schedule-views.css';

interface BackupsViewProps {
  onClose: () => void;
  onError: (error: unknown) => void;
  /** Opens the restore flow for this backup; without it the view offers no Restore button. */
  onRestore?: (backup: BackupListEntry) => void;
  /** Goes to Settings, where the backup folder is chosen and a failed saved key is replaced. */
  onOpenSettings: () => void;
  /** Goes to the Health view (the banner's link). */
  onOpenHealth?: () => void;
}

/**
 * The backups in the backup folder, the schedule's health, and what can be done with each
 * backup. When an action ends, focus goes back to the control that started it, or to the
 * heading when that is gone (a deleted backup, a closed browse); Escape leaves the view.
 */
export function BackupsView({ onClose, onError, onRestore, onOpenSettings, onOpenHealth }: BackupsViewProps) {
  const view = useBackupsView(onError, onRestore);
  const { status, list, pending } = view;
  const pendingDate = pending ? formatDateTime(pending.backup.createdAt) : '';
  const heading = useRef<HTMLHeadingElement>(null);
  useEscapeToLeave(onClose, view.browsing === null);

  const { settled, returnFocus, browsing } = view;
  const asking = pending !== null;
  useEffect(() => {
    // Not while browsing (its own heading has focus) or while a passkey is asked for.
    if (settled === 0 || browsing || asking) return;
    const target = returnFocus.current;
    const usable = target?.isConnected && !(target instanceof HTMLButtonElement && target.disabled);
    (usable ? target : heading.current)?.focus();
  }, [settled, returnFocus, browsing, asking]);

  if (view.browsing) {
    return <BrowseBackup session={view.browsing} onClose={view.closeBrowsing} onError={onError} />;
  }

  return (
    <section className="backups-view" aria-labelledby="backups-heading">
      <div className="view-header">
        <h2 id="backups-heading" ref={heading} tabIndex={-1}>
          Backups
        </h2>
        <button type="button" onClick={onClose}>
          Back to notes
        </button>
      </div>
      {status ? (
        <>
          <HealthBanner
            warnings={status.warnings}
            onOpenSettings={onOpenSettings}
            onOpenHealth={onOpenHealth}
          />
          <ScheduleSummary status={status} onOpenSettings={onOpenSettings} />
        </>
      ) : null}
      <p role="status" className="view-notice">
        {view.notice}
      </p>
      {list === null ? null : list.folder === null ? (
        <p>
          No backup folder is chosen yet.{' '}
          <button type="button" onClick={onOpenSettings}>
            Choose one in Settings
          </button>
        </p>
      ) : list.backups.length === 0 ? (
        <p>There are no backups in {list.folder} yet.</p>
      ) : (
        <BackupsTable
          folder={list.folder}
          backups={list.backups}
          busy={view.working || (status?.busy ?? false)}
          canRestore={onRestore !== undefined}
          onAction={view.onAction}
        />
      )}
      {list?.folder ? <RetentionPreviews onError={onError} refreshKey={view.settled} /> : null}
      <PasskeyPrompt
        open={pending?.action === 'verify' || pending?.action === 'browse'}
        title={pending?.action === 'browse' ? 'Browse a backup' : 'Verify a backup'}
        explanation={
          pending?.keyMismatch
            ? `The backup of ${pendingDate} was made with its own passkey, not the one saved for scheduled backups. Enter its passkey or its recovery code to check it.`
            : `Enter the passkey of the backup of ${pendingDate}, or its recovery code.`
        }
        submitLabel={pending?.action === 'browse' ? 'Open' : 'Verify'}
        busy={view.working}
        onCancel={view.cancelPending}
        onSubmit={view.submitPasskey}
        onSubmitRecoveryCode={view.submitRecoveryCode}
      />
    </section>
  );
}
