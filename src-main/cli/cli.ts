import { runCli } from './run-cli';

// The `notevault` executable. Plain Node, never Electron: everything it needs comes
// through runCli, which tests call directly.

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `notevault ... | head` closes the pipe early; that is not a failure worth a stack trace.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isTTY: process.stdin.isTTY === true,
}).then((exitCode) => {
  process.exitCode = exitCode;
});
