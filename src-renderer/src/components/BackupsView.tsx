import { useCallback, useEffect, useState } from 'react';
import type {
  BackupList,
  BackupListEntry,
  BrowseSessionInfo,
} from '../../../src-shared/ipc/contract-schedule';
import { notevault } from '../api';
import { formatDateTime } from '../backup-format';
import { useScheduleStatus } from '../hooks/useScheduleStatus';
import { BackupRow } from './BackupRow';
import type { BackupAction } from './BackupRow';
import { BrowseBackup } from './BrowseBackup';
import { ConfirmDialog } from './ConfirmDialog';
import { HealthBanner } from './HealthBanner';
import { PasskeyPrompt } from './PasskeyPrompt';
import { ScheduleSummary } from './ScheduleSummary';
import './schedule-views.css';

interface BackupsViewProps {
  onClose: () => void;
  onError: (error: unknown) => void;
  /** Opens the restore flow for this backup; without it the view offers no Restore button. */
  onRestore?: (backup: BackupListEntry) => void;
}

type Pending = { action: 'verify' | 'browse' | 'delete'; backup: BackupListEntry } | null;

/** The backups in the backup folder, the schedule's health, and what can be done with each backup. */
export function BackupsView({ onClose, onError, onRestore }: BackupsViewProps) {
  const status = useScheduleStatus(onError);
  const [list, setList] = useState<BackupList | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState('');
  const [browsing, setBrowsing] = useState<BrowseSessionInfo | null>(null);

  const refresh = useCallback(() => {
    notevault().backups.list().then(setList).catch(onError);
  }, [onError]);
  useEffect(() => {
    refresh();
    // A restore adds its safety backup to the folder.
    const offRestore = notevault().restore.onDidReplaceDatabase(refresh);
    const offRun = notevault().schedule.onDidRun(refresh);
    return () => {
      offRestore();
      offRun();
    };
  }, [refresh]);

  const run = (work: () => Promise<string | void>) => {
    setWorking(true);
    work()
      .then((message) => {
        if (message) setNotice(message);
        setPending(null);
        refresh();
      })
      .catch((error: unknown) => {
        setPending(null);
        onError(error);
      })
      .finally(() => setWorking(false));
  };

  const verify = (backup: BackupListEntry, passkey?: string) =>
    run(async () => {
      const checked = await notevault().backups.verify({ name: backup.name, passkey });
      return `The backup of ${formatDateTime(checked.createdAt)} is intact: ${checked.noteCount ?? 0} notes.`;
    });

  const onAction = (action: BackupAction, backup: BackupListEntry) => {
    setNotice('');
    if (action === 'show') run(() => notevault().backups.showInFolder({ name: backup.name }));
    else if (action === 'restore') onRestore?.(backup);
    // With a schedule on, the saved key can check a backup without asking.
    else if (action === 'verify' && status?.schedule !== 'off') verify(backup);
    else setPending({ action, backup });
  };

  if (browsing) {
    return <BrowseBackup session={browsing} onClose={() => setBrowsing(null)} onError={onError} />;
  }

  return (
    <section className="backups-view" aria-labelledby="backups-heading">
      <div className="view-header">
        <h2 id="backups-heading">Backups</h2>
        <button type="button" onClick={onClose}>
          Back to notes
        </button>
      </div>
      {status ? (
        <>
          <HealthBanner warnings={status.warnings} />
          <ScheduleSummary status={status} />
        </>
      ) : null}
      <p role="status" className="view-notice">
        {notice}
      </p>
      {list === null ? null : list.folder === null ? (
        <p>No backup folder is chosen yet. Choose one in Settings.</p>
      ) : list.backups.length === 0 ? (
        <p>There are no backups in {list.folder} yet.</p>
      ) : (
        <table className="backups-table">
          <caption>Backups in {list.folder}, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Size</th>
              <th scope="col">Kind</th>
              <th scope="col">Check</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.backups.map((backup) => (
              <BackupRow
                key={backup.name}
                backup={backup}
                busy={working || (status?.busy ?? false)}
                canRestore={onRestore !== undefined}
                onAction={onAction}
              />
            ))}
          </tbody>
        </table>
      )}
      <PasskeyPrompt
        open={pending?.action === 'verify' || pending?.action === 'browse'}
        title={pending?.action === 'browse' ? 'Browse a backup' : 'Verify a backup'}
        explanation={`Enter the passkey of the backup of ${pending ? formatDateTime(pending.backup.createdAt) : ''}.`}
        submitLabel={pending?.action === 'browse' ? 'Open' : 'Verify'}
        busy={working}
        onCancel={() => setPending(null)}
        onSubmit={(passkey) => {
          if (!pending) return;
          if (pending.action === 'verify') verify(pending.backup, passkey);
          else
            run(async () => {
              setBrowsing(await notevault().browse.open({ name: pending.backup.name, passkey }));
            });
        }}
      />
      <ConfirmDialog
        open={pending?.action === 'delete'}
        title="Delete this backup?"
        message={`The backup of ${pending ? formatDateTime(pending.backup.createdAt) : ''} (${pending?.backup.name ?? ''}) will be deleted from the backup folder. This cannot be undone.`}
        confirmLabel="Delete backup"
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (pending) run(() => notevault().backups.delete({ name: pending.backup.name }));
        }}
      />
    </section>
  );
}
