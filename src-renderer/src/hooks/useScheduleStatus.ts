import { useCallback, useEffect, useState } from 'react';
import type { ScheduleStatus } from '../../../src-shared/ipc/contract-schedule';
import { notevault } from '../api';

/** The schedule's status, kept current by `schedule:didChangeStatus`. */
export function useScheduleStatus(onError: (error: unknown) => void): ScheduleStatus | null {
  const [status, setStatus] = useState<ScheduleStatus | null>(null);
  const load = useCallback(() => {
    notevault().schedule.status().then(setStatus).catch(onError);
  }, [onError]);
  useEffect(() => {
    load();
    try {
      return notevault().schedule.onDidChangeStatus(setStatus);
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [load, onError]);
  return status;
}
