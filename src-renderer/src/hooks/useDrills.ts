import { useEffect, useState } from 'react';
import type { DrillRunView, DrillsStatus } from '../../../src-shared/ipc/contract-drills';
import { useApi } from '../api-context';
import type { WayInArgs } from './useWayIn';
import { useApiCall } from './useLatestCall';

/**
 * The restore tests' state (read again when the schedule changes or a run finishes), the run
 * asked for from the window, and its result.
 */
export function useDrills(onError: (error: unknown) => void, schedule: string) {
  const api = useApi();
  const [finished, setFinished] = useState(0);
  const status = useApiCall((a) => a.drills.status(), [schedule, finished], onError);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DrillRunView | null>(null);
  useEffect(() => {
    try {
      return api.drills.onDidFinish(() => setFinished((count) => count + 1));
    } catch (error) {
      onError(error);
      return undefined;
    }
  }, [api, onError]);
  const runNow = (wayIn: WayInArgs) => {
    setRunning(true);
    setResult(null);
    api.drills
      .runNow(wayIn)
      .then(setResult)
      .catch(onError)
      .finally(() => setRunning(false));
  };
  const cancel = () => {
    api.drills.cancel().catch(onError);
  };
  const current: DrillsStatus | null = status.data ?? null;
  return { status: current, running, result, runNow, cancel };
}
