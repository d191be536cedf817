/**
 * Shared by the backup commands' tests: the real job worker, bundled once per test file,
 * a CliIo with a chosen stdin and environment, and runCli over the backup commands bound
 * to that worker and a private temp folder. Not imported by production code.
 */
import { Readable } from 'node:stream';
import type { BuiltWorker } from '../../backup/worker/worker-test-support';
import type { CliIo } from '../../../../src-main/cli/cli-types';
import { backupCommands } from '../../../../src-main/cli/commands';
import { COMMANDS } from '../../../../src-main/cli/commands';
import { runCli } from '../../../../src-main/cli/run-cli';
import type { CliRun } from '../test-support';

export interface BackupCliOptions {
  env?: Record<string, string>;
  /** Text piped into standard input. */
  stdin?: string;
  stderrIsTTY?: boolean;
  /** A person at the terminal: stdin then carries their answers to prompts. */
  isTTY?: boolean;
}

export async function runBackupCli(
  argv: readonly string[],
  worker: BuiltWorker,
  tempParent: string,
  options: BackupCliOptions = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
  };
  const backup = backupCommands({ workerPath: worker.workerPath, appVersion: '9.9.9-test', tempParent });
  const others = COMMANDS.filter((command) => !backup.some((b) => b.name === command.name));
  const exitCode = await runCli(argv, io, [...others, ...backup]);
  return { exitCode, stdout: out, stderr: err };
}

/** The one JSON object a --json run printed. */
export function jsonOf(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line of JSON, got:\n${run.stdout}`);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}
