/**
 * Lowers the CPU priority of the calling thread, for background jobs (restore drills) that must
 * not slow the person's work down.
 *
 * Only on Linux, where a thread's nice value is its own: os.setPriority(0, ...) calls
 * setpriority(PRIO_PROCESS, 0), which Linux applies to the calling thread alone (man 2
 * setpriority, "BUGS"; checked with a node -e experiment: the worker's thread went to nice 10,
 * the main thread and every other thread of the process stayed at 0). On macOS the same call
 * lowers the whole process, and on Windows libuv sets the process's priority class, so there it
 * would slow the app's window too: those platforms keep normal priority (the drill still gives
 * way to any job the person starts, job-gate.ts). The thread is never raised again (an
 * unprivileged thread cannot); it ends with its job.
 */
import { constants, setPriority } from 'node:os';

/** The worker's workerData (set once, before the thread runs any code): how the thread runs, not what it does. */
export interface JobWorkerData {
  lowPriority: boolean;
}

/** nice 10, "below normal": the scheduler still gives the thread time on an idle machine. */
export const LOW_PRIORITY_NICE = constants.priority.PRIORITY_BELOW_NORMAL;

/** True when the calling thread's priority was lowered; false where the OS would lower more than it. */
export function lowerThisThreadPriority(
  platform: NodeJS.Platform = process.platform,
  set: (pid: number, priority: number) => void = setPriority,
): boolean {
  if (platform !== 'linux') return false;
  try {
    set(0, LOW_PRIORITY_NICE);
    return true;
  } catch {
    // A container or sandbox that forbids it: the job still runs, at normal priority.
    return false;
  }
}
