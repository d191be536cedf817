/**
 * Running a short system command (PowerShell on Windows) through one seam, so the code that reads
 * its output is tested with recorded output and never spawns a process in a unit test. Only for
 * commands NoteVault names itself: arguments go to execFile as an array (no shell parses them),
 * and anything that comes from a person or a path travels in `env`, never on the command line.
 */
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';

export interface CommandResult {
  stdout: string;
  stderr: string;
  /** 0 for success; the process's exit code, or -1 when it could not run or was stopped. */
  exitCode: number;
}

export interface CommandOptions {
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** Stopped after this long (default 10 s): a hung helper must not hold a backup. */
  timeoutMs?: number;
}

export type CommandRunner = (
  file: string,
  args: readonly string[],
  options?: CommandOptions,
) => Promise<CommandResult>;

const DEFAULT_TIMEOUT_MS = 10_000;
// Far more than any answer these commands give; output beyond it stops the command.
const MAX_OUTPUT_BYTES = 64 * 1024;

/** The real runner: never rejects; a command that cannot start or times out reports exitCode -1. */
export const nodeCommandRunner: CommandRunner = (file, args, options = {}) =>
  new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT_BYTES,
        windowsHide: true,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ stdout, stderr, exitCode: code });
      },
    );
  });

const DEFAULT_SYSTEM_ROOT = 'C:\\Windows';

/**
 * The full path of a program in Windows' System32 folder (PowerShell is
 * `WindowsPowerShell\v1.0\powershell.exe` there). A bare name is never run: libuv looks for it
 * in the current folder and on PATH first, where any program of that name would stand in.
 * %SystemRoot% (else %windir%) counts only as an absolute drive path, C:\Windows otherwise: an
 * empty or relative value would again point into the current folder.
 */
export function windowsSystemProgram(
  relativePath: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const root = [env['SystemRoot'], env['windir']].find(
    (value): value is string => value !== undefined && /^[A-Za-z]:\\/.test(value) && !value.includes('\0'),
  );
  return win32.join(win32.normalize(root ?? DEFAULT_SYSTEM_ROOT), 'System32', relativePath);
}
