/**
 * Whether the process (and thread) that made a private temp folder may still be using it; the
 * sweep wipes the folder only when the answer is no. See private-temp-owner.ts for how the owner
 * is recorded.
 */
import { readFile } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { errorCode } from './fs-errors';
import type { TempDirOwner } from './private-temp-owner';
import { currentOwner, parseProcStat } from './private-temp-owner';

/** How the sweep looks at processes; tests replace single members to reach rare branches. */
export interface ProcessProbe {
  /** The sweeping process and thread. */
  self: () => TempDirOwner;
  isMainThread: boolean;
  /**
   * `process.kill(pid, 0)`: sends nothing, only checks. Returns when the process exists and may be
   * signalled, throws ESRCH when there is no such process and EPERM when it exists but belongs to
   * another user (verified with Node 20 on Linux, as root and as an unprivileged user; libuv
   * answers the same way on Windows, where it asks GetExitCodeProcess).
   */
  signalZero: (pid: number) => void;
  /** Linux: the text of /proc/<pid>/stat (rejects ENOENT once the process is gone); undefined elsewhere. */
  readProcStat: ((pid: number) => Promise<string>) | undefined;
}

export const realProcessProbe: ProcessProbe = {
  self: currentOwner,
  isMainThread,
  signalZero: (pid) => {
    process.kill(pid, 0);
  },
  readProcStat: process.platform === 'linux' ? (pid) => readFile(`/proc/${pid}/stat`, 'utf8') : undefined,
};

export type OwnerVerdict =
  | { state: 'gone' }
  | { state: 'in-use'; reason: 'owner-running' | 'in-use-by-this-process' }
  | { state: 'unknown'; detail: string };

/** The same process, judged by PID and, where both are known, start time. */
export function sameProcess(owner: TempDirOwner, self: TempDirOwner): boolean {
  if (owner.pid !== self.pid) return false;
  // Where either side has no start time, the PID is all there is to go by.
  return (
    owner.startTicks === undefined || self.startTicks === undefined || owner.startTicks === self.startTicks
  );
}

/**
 * Folders of the sweeping process itself. `atProcessStart` means this process has not made any
 * yet, so a folder naming it can only come from an earlier process that had the same PID (on
 * systems without start times, or when PIDs restart from 1 in a container or sandbox).
 *
 * Otherwise the sweeping thread's own folders are in use: it is running this very code, and it
 * wipes them itself when done. A folder of another thread of this process is from a backup job
 * worker (those are the only other threads that make one), and the sweep runs on the main thread
 * only before a job starts or after its worker exited (runBackupJob allows one job at a time per
 * process, and sweeps when that worker ended without cleaning up), so that thread has ended. A
 * sweep on a worker thread cannot know whether other threads still run, so it keeps their folders.
 */
function judgeOwnFolder(owner: TempDirOwner, self: TempDirOwner, probe: ProcessProbe, atStart: boolean) {
  if (atStart) return { state: 'gone' } as const;
  if (owner.threadId !== self.threadId && probe.isMainThread) return { state: 'gone' } as const;
  return { state: 'in-use', reason: 'in-use-by-this-process' } as const;
}

/** Process states in /proc/<pid>/stat of a process that has exited but not been reaped by its parent. */
const EXITED_STATES = new Set(['Z', 'X', 'x']);

export async function judgeOwner(
  owner: TempDirOwner,
  probe: ProcessProbe,
  atProcessStart: boolean,
): Promise<OwnerVerdict> {
  const self = probe.self();
  if (sameProcess(owner, self)) return judgeOwnFolder(owner, self, probe, atProcessStart);
  // Same PID, different start time: an earlier process that had our PID.
  if (owner.pid === self.pid) return { state: 'gone' };
  try {
    probe.signalZero(owner.pid);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ESRCH') return { state: 'gone' };
    if (code !== 'EPERM') {
      const message = error instanceof Error ? error.message : String(error);
      return {
        state: 'unknown',
        detail: `Could not check whether process ${owner.pid} still runs: ${message}`,
      };
    }
    // EPERM: it exists but belongs to another user; still alive, so on to the start-time check.
  }
  if (probe.readProcStat === undefined) return { state: 'in-use', reason: 'owner-running' };
  let stat: ReturnType<typeof parseProcStat>;
  try {
    stat = parseProcStat(await probe.readProcStat(owner.pid));
  } catch (error) {
    // Gone between the two checks; any other failure (a /proc mounted with hidepid) leaves the PID check's answer.
    if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ESRCH') return { state: 'gone' };
    return { state: 'in-use', reason: 'owner-running' };
  }
  if (stat === undefined) return { state: 'in-use', reason: 'owner-running' };
  if (EXITED_STATES.has(stat.state)) return { state: 'gone' };
  if (owner.startTicks !== undefined && owner.startTicks !== stat.startTicks) return { state: 'gone' };
  return { state: 'in-use', reason: 'owner-running' };
}
