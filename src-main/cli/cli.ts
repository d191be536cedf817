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
  stderrIsTTY: process.stderr.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  onInterrupt: (listener) => {
    // The first Ctrl+C asks the job to stop so its worker wipes any plaintext; a second
    // one ends the process at once.
    let pressed = false;
    const onSigint = (): void => {
      if (pressed) process.exit(130);
      pressed = true;
      listener();
    };
    process.on('SIGINT', onSigint);
    return () => process.off('SIGINT', onSigint);
  },
}).then((exitCode) => {
  process.exitCode = exitCode;
});
