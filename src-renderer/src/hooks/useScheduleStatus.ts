import { useEffect, useState } from 'react';
import type { ScheduleStatus } from '../../../src-shared/ipc/contract-schedule';
import { useApi } from '../api-context';
import { useApiCall } from './useLatestCall';

/** The schedule's status, kept current by `schedule:didChangeStatus`. */
export function useScheduleStatus(onError: (error: unknown) => void): ScheduleStatus | null {
  const api = useApi();
  const loaded = useApiCall((a) => a.schedule.status(), [], onError);
  // An announced status is newer than the one read when the view opened.
  const [announced, setAnnounced] = useState<ScheduleStatus | null>(null);
  useEffect(() => {
    try {
      return api.schedule.onDidChangeStatus(setAnnounced);
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  return announced ?? loaded.data ?? null;
}
