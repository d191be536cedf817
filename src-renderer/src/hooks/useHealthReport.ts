import { useEffect, useState } from 'react';
import type { HealthReport } from '../../../src-shared/ipc/contract-health';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/** Main's health report, kept current by `health:didChange`. */
export function useHealthReport(onError: (error: unknown) => void): HealthReport | null {
  const api = useApi();
  const loaded = useApiCall((a) => a.health.report(), [], onError);
  // An announced report is newer than the one read when the view opened.
  const [announced, setAnnounced] = useState<HealthReport | null>(null);
  useEffect(() => {
    try {
      return api.health.onDidChange(setAnnounced);
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return announced ?? loaded.data ?? null;
}
