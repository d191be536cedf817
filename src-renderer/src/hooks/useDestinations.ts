import { useEffect, useState } from 'react';
import type { DestinationStatusView } from '../../../src-shared/ipc/contract-destinations';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/**
 * Every destination's state as main sees it (folder text, reachable, cloud-sync client, copies,
 * usage), read again when `key` changes (the settings' destinations) and kept current by
 * `destinations:didChange`; null until the first answer.
 */
export function useDestinations(
  onError: (error: unknown) => void,
  key: string,
): DestinationStatusView[] | null {
  const api = useApi();
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
