import { useEffect, useRef, useState } from 'react';
import type { JobProgressEvent } from '../../../src-shared/ipc/contract-backup';
import { overallBackupProgress } from '../../../src-shared/job-progress';
import type { BackupPhaseSeconds, JobPhase, OverallProgress } from '../../../src-shared/job-progress';
import { useJobProgress } from './useJobProgress';

/** How often the bar moves while a phase reports no bytes (deriving the key). */
const TICK_MS = 250;

interface Clock {
  startedAt: number;
  phase: JobPhase | null;
  phaseStartedAt: number;
  last: OverallProgress | null;
}

/**
 * A running backup's one overall progress (src-shared/job-progress.ts's overallBackupProgress):
 * the latest report, weighted by the plan's phase seconds, re-read on a clock tick so the key
 * derivation moves the bar too. Null while no backup runs.
 */
export function useBackupProgress(
  active: boolean,
  phases: BackupPhaseSeconds,
): { event: JobProgressEvent | null; overall: OverallProgress } | null {
  const event = useJobProgress('backup', active);
  const [now, setNow] = useState(() => Date.now());
  const clock = useRef<Clock | null>(null);

  useEffect(() => {
    if (!active) {
      clock.current = null;
      return undefined;
    }
    const start = Date.now();
    clock.current = { startedAt: start, phase: null, phaseStartedAt: start, last: null };
    setNow(start);
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [active]);

  const state = clock.current;
  if (!active || state === null) return null;
  const at = Math.max(now, state.startedAt);
  if (event !== null && event.phase !== state.phase) {
    state.phase = event.phase;
    state.phaseStartedAt = at;
  }
  // Idempotent for the same inputs (it keeps the maximum), so a repeated render changes nothing.
  state.last = overallBackupProgress(
    phases,
    { event, elapsedMs: at - state.startedAt, phaseElapsedMs: at - state.phaseStartedAt },
    state.last,
  );
  return { event, overall: state.last };
}
