import { useEffect, useState } from 'react';
import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import type { Settings } from '../../../src-shared/settings';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/**
 * Every destination's state as main sees it (folder text, reachable, cloud-sync client, copies,
 * usage), read again when a destination is added, removed or its folder changes, and kept
 * current by `destinations:didChange`; null until the first answer.
 */
export function useDestinations(
  settings: Settings | null,
  onError: (error: unknown) => void,
): DestinationStatusView[] | null {
  const api = useApi();
  const key = settings
    ? [settings.backupFolder, ...(settings.extraDestinations ?? []).map((d) => `${d.id}:${d.folder}`)].join(
        '\n',
      )
    : '';
  const loaded = useApiCall((a) => a.destinations.status(), [key], onError);
  const [announced, setAnnounced] = useState<{ key: string; status: DestinationStatusView[] } | null>(null);
  useEffect(() => {
    try {
      return api.destinations.onDidChange((status) => setAnnounced({ key, status }));
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError, key]);
  // An announcement made before the destinations changed describes the old list.
  return (announced?.key === key ? announced.status : null) ?? loaded.data ?? null;
}
