/**
 * How the OS-scheduler registrar runs schtasks, launchctl, systemctl and whoami: a seam, so the
 * tests see the exact commands without touching this machine's scheduler. The real one runs the
 * program directly (no shell: nothing in a path is ever interpreted) with a time limit.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  /** The exit code; null when the program could not be started or was killed. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

/** Registration commands answer within a second; this only ends one that hangs. */
const COMMAND_TIMEOUT_MS = 60_000;

export const execFileRunner: CommandRunner = (command, args) =>
  new Promise((resolve) => {
    execFile(
      command,
      [...args],
      { windowsHide: true, timeout: COMMAND_TIMEOUT_MS, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ code: 0, stdout, stderr });
          return;
        }
        // A numeric code is the program's exit code; a string one (ENOENT) means it never ran.
        const code = typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr: stderr || error.message });
      },
    );
  });
