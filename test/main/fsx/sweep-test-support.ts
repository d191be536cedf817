/**
 * Test support for the sweep's owner checks: real processes that stand in for another NoteVault
 * in the middle of a backup. Only *.test.ts files import this module.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { parseProcStat } from '../../../src-main/fsx/private-temp-owner';

/** Children of one test file; call `stopAll` in afterEach so none outlives its test. */
export function childProcesses() {
  const running: ChildProcess[] = [];
  return {
    /** A process that runs until stopped (by default `node -e "setInterval(() => {}, 1000)"`). */
    async start(command = process.execPath, args = ['-e', 'setInterval(() => {}, 1000)']) {
      const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
      running.push(child);
      await once(child, 'spawn');
      if (child.pid === undefined) throw new Error(`${command} did not start.`);
      return { child, pid: child.pid };
    },
    stop,
    async stopAll(): Promise<void> {
      await Promise.all(running.splice(0).map(stop));
    },
  };
}

/** Kills the child and resolves once Node has reaped it, so its PID no longer answers. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}

/** Linux: a process's start time as /proc/<pid>/stat gives it. */
export function startTicksOf(pid: number): string | undefined {
  return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.startTicks;
}
