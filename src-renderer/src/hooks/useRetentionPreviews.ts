import { useEffect } from 'react';
import type { RetentionPreview } from '../../../src-shared/ipc/contract-retention';
import { describeError } from '../api';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/** One destination's next clean-up, or why it cannot be worked out now (an unplugged drive). */
export type RetentionPreviewAnswer =
  | { destinationId: string; preview: RetentionPreview; problem?: undefined }
  | { destinationId: string; preview?: undefined; problem: string };

/**
 * The next clean-up of each destination (ids in Settings' order), read again whenever what the
 * destinations hold may have changed: a run, a copy, a restore, a settings change. One place
 * that cannot be read does not hide the others: it gets its own sentence.
 */
export function useRetentionPreviews(
  destinationIds: readonly string[],
  onError: (error: unknown) => void,
): { previews: RetentionPreviewAnswer[] | null; reload: () => void } {
  const api = useApi();
  const key = destinationIds.join(',');
  const previews = useApiCall(
    (a) =>
      key === ''
        ? null
        : Promise.all(
            key.split(',').map((destinationId) =>
              a.backups.retentionPreview({ destinationId }).then(
                (preview): RetentionPreviewAnswer => ({ destinationId, preview }),
                (error: unknown): RetentionPreviewAnswer => ({
                  destinationId,
                  problem: describeError(error).message,
                }),
              ),
            ),
          ),
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
