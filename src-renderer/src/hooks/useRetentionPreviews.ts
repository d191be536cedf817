import { useEffect } from 'react';
import type { RetentionPreview } from '../../../src-shared/ipc/contract-retention';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/**
 * The next clean-up of each destination (ids in Settings' order), read again whenever what the
 * destinations hold may have changed: a run, a copy, a restore, a settings change.
 */
export function useRetentionPreviews(
  destinationIds: readonly string[],
  onError: (error: unknown) => void,
): { previews: RetentionPreview[] | null; reload: () => void } {
  const api = useApi();
  const key = destinationIds.join(',');
  const previews = useApiCall(
    (a) =>
      key === ''
        ? null
        : Promise.all(key.split(',').map((destinationId) => a.backups.retentionPreview({ destinationId }))),
    [key],
    onError,
  );
  const { reload } = previews;
  useEffect(() => {
    const offs = [
      api.schedule.onDidRun(reload),
      api.restore.onDidReplaceDatabase(reload),
      api.destinations.onDidChange(reload),
      api.settings.onDidChange(reload),
    ];
    return () => offs.forEach((off) => off());
  }, [api, reload]);
  return { previews: previews.data ?? null, reload };
}
