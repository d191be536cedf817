import { useEffect, useState } from 'react';
import type { BackupListEntry, BrowseSessionInfo } from '../../../src-shared/ipc/contract-schedule';
import { NoteVaultError } from '../../../src-shared/errors';
import { useApi } from '../api-context';
import { formatCount, formatDateTime } from '../../../src-shared/format';
import type { BackupAction } from '../components/BackupRow';
import { useActionFocus } from './useActionFocus';
import type { WayInArgs } from './useWayIn';
import { useApiCall } from './useLatestCall';
import { useScheduleStatus } from './useScheduleStatus';

/**
 * A backup waiting for its passkey (verify, browse); `keyMismatch` when the key saved for
 * schedules was tried first and does not fit it.
 */
export type PendingBackupAction = {
  action: 'verify' | 'browse';
  backup: BackupListEntry;
  keyMismatch?: boolean;
} | null;

/**
 * The backups view's state: the folder's backups (re-read as useRefreshOnChanges says), the
 * schedule's status, the action waiting for a passkey,
 * the notice of the last action, and the backup being browsed.
 */
export function useBackupsView(
  onError: (error: unknown) => void,
  onRestore?: (backup: BackupListEntry) => void,
) {
  const api = useApi();
  const status = useScheduleStatus(onError);
  const { data: list = null, reload: refresh } = useApiCall((a) => a.backups.list(), [], onError);
  const [pending, setPending] = useState<PendingBackupAction>(null);
  const [working, setWorking] = useState(false);
  const [notice, setNotice] = useState('');
  const [browsing, setBrowsing] = useState<BrowseSessionInfo | null>(null);
  const { returnTo: returnFocus, settled, markSettled } = useActionFocus();
  useRefreshOnChanges(refresh);

  const run = (work: () => Promise<string | void>, onFailure?: (error: unknown) => boolean) => {
    setWorking(true);
    work()
      .then((message) => {
        if (message) setNotice(message);
        setPending(null);
        refresh();
      })
      .catch((error: unknown) => {
        if (onFailure?.(error)) return;
        setPending(null);
        onError(error);
      })
      .finally(() => {
        setWorking(false);
        markSettled();
      });
  };

  const verify = (backup: BackupListEntry, wayIn?: WayInArgs) =>
    run(
      async () => {
        const checked = await api.backups.verify({ name: backup.name, ...wayIn });
        return `The backup of ${formatDateTime(checked.createdAt)} is intact: ${formatCount(checked.noteCount ?? 0, 'note')}.`;
      },
      // The key saved for schedules opens only backups made with its salt (scheduled ones); a
      // manual backup has its own, so main says KEY_MISMATCH and its own passkey is asked for.
      (error) => {
        if (wayIn !== undefined || !(error instanceof NoteVaultError) || error.code !== 'KEY_MISMATCH')
          return false;
        setPending({ action: 'verify', backup, keyMismatch: true });
        return true;
      },
    );

  const onAction = (action: BackupAction, backup: BackupListEntry) => {
    setNotice('');
    // A deleted backup's row goes away with its controls.
    returnFocus.current = action === 'delete' ? null : (document.activeElement as HTMLElement | null);
    if (action === 'show') run(() => api.backups.showInFolder({ name: backup.name }));
    // The main process asks for confirmation in its own dialog; nothing is deleted without it.
    else if (action === 'delete') run(() => api.backups.delete({ name: backup.name }));
    else if (action === 'restore') onRestore?.(backup);
    // With a schedule on, the saved key can check a backup without asking.
    else if (action === 'verify' && status?.schedule !== 'off') verify(backup);
    else setPending({ action, backup });
  };

  /** The prompt's answer (the passkey or the recovery code), for the verify or browse waiting for it. */
  const submitWayIn = (wayIn: WayInArgs) => {
    if (!pending) return;
    if (pending.action === 'verify') verify(pending.backup, wayIn);
    else
      run(async () => {
        setBrowsing(await api.browse.open({ name: pending.backup.name, ...wayIn }));
      });
  };

  return {
    status,
    list,
    pending,
    cancelPending: () => setPending(null),
    working,
    notice,
    browsing,
    closeBrowsing: () => {
      returnFocus.current = null;
      setBrowsing(null);
      markSettled();
    },
    returnFocus,
    settled,
    onAction,
    submitPasskey: (passkey: string) => submitWayIn({ passkey }),
    submitRecoveryCode: (recoveryCode: string) => submitWayIn({ recoveryCode }),
  };
}

/**
 * Reads the list again when what it shows changed elsewhere: a restore adds its safety backup
 * to the folder, a run adds a backup, a restore test or a copy changes a row's tests and copies.
 */
function useRefreshOnChanges(refresh: () => void): void {
  const api = useApi();
  useEffect(() => {
    const offRestore = api.restore.onDidReplaceDatabase(refresh);
    const offRun = api.schedule.onDidRun(refresh);
    const offDrill = api.drills.onDidFinish(refresh);
    const offCopies = api.destinations.onDidChange(refresh);
    return () => {
      offRestore();
      offRun();
      offDrill();
      offCopies();
    };
  }, [api, refresh]);
}
