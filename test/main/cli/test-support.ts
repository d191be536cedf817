import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import type { CliIo } from '../../../src-main/cli/cli-types';
import { runCli } from '../../../src-main/cli/run-cli';

/** Helpers shared by this folder's tests: a real temp folder and a runCli with captured output. */

export interface CliRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function testIo(env: Record<string, string> = {}): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdin: Readable.from([]),
    env,
    isTTY: false,
  };
  return { io, stdout: () => out, stderr: () => err };
}

export async function runCliCaptured(argv: readonly string[]): Promise<CliRun> {
  const { io, stdout, stderr } = testIo();
  const exitCode = await runCli(argv, io);
  return { exitCode, stdout: stdout(), stderr: stderr() };
}

/** Creates a fresh temp folder; call the returned cleanup in afterEach. */
export function makeTempFolder(prefix = 'notevault-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true });
}

/** Writes `content` to `root/relative`, creating folders on the way. */
export function writeFile(root: string, relative: string, content: string | Uint8Array): string {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}
