import { useEffect, useState } from 'react';
import type { JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { useApi } from '../api-context';

/**
 * The latest progress of a backup (`backup:didProgress`) or of a restore or its preview
 * (`restore:didProgress`), or of a passkey change (`passkey:didProgress`), while `active`; reset
 * to null when a job starts.
 */
export function useJobProgress(
  kind: 'backup' | 'restore' | 'passkey',
  active: boolean,
): JobProgressEvent | null {
  const api = useApi();
  const [progress, setProgress] = useState<JobProgressEvent | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    setProgress(null);
    if (kind === 'passkey') return api.passkey.onDidProgress(setProgress);
    return kind === 'backup' ? api.backup.onDidProgress(setProgress) : api.restore.onDidProgress(setProgress);
  }, [api, kind, active]);
  return progress;
}
