/**
 * Starting a Windows program under Wine from Linux Node. Its stdout and stderr go to a file: a Windows
 * node.exe under Wine fails with EBADF when it writes to a pipe, and a file is also what a person
 * reads afterwards when a case goes wrong.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

/**
 * Runs any command with its output in a file and resolves when the process exits. Not execFile: Wine
 * commands (wineserver -p, wineboot) leave daemons behind that inherit stdout, so waiting for a pipe
 * to close would wait for the wineserver to end.
 */
export function runToFile(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  outputFile: string,
  timeoutMs: number,
): Promise<WineExit> {
  return startProcess(command, args, env, outputFile, timeoutMs).done;
}

export interface WineExit {
  /** The Windows exit code; null when the process was killed. */
  code: number | null;
  ms: number;
  timedOut: boolean;
}

export interface WineProcess {
  pid: number | undefined;
  done: Promise<WineExit>;
}

/**
 * Starts `wine <exe> <args>` and returns at once. Under Wine the Linux process is the Windows process
 * (the launcher execs into it), so killing it on time-out ends the program itself.
 */
export function startWine(
  env: NodeJS.ProcessEnv,
  exe: string,
  args: string[],
  outputFile: string,
  timeoutMs: number,
): WineProcess {
  return startProcess('wine', [exe, ...args], env, outputFile, timeoutMs);
}

function startProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  outputFile: string,
  timeoutMs: number,
): WineProcess {
  const t0 = performance.now();
  const fd = openSync(outputFile, 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd); // the child has its own copy
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const done = new Promise<WineExit>((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, ms: performance.now() - t0, timedOut });
    });
  });
  return { pid: child.pid, done };
}

export function runWine(
  env: NodeJS.ProcessEnv,
  exe: string,
  args: string[],
  outputFile: string,
  timeoutMs: number,
): Promise<WineExit> {
  return startWine(env, exe, args, outputFile, timeoutMs).done;
}
