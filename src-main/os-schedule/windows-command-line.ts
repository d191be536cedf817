/**
 * One Windows command line from separate arguments, as the Microsoft C runtime (and so
 * Chromium/Electron) splits it back: an argument with a space, tab or quote is quoted, a quote
 * inside is escaped with a backslash, and backslashes are doubled only where they come before
 * a quote. Task Scheduler passes a task's `Arguments` to the program unchanged.
 */
export function windowsCommandLine(args: readonly string[]): string {
  return args.map(quoteArgument).join(' ');
}

function quoteArgument(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let quoted = '"';
  let backslashes = 0;
  for (const char of arg) {
    if (char === '\\') {
      backslashes += 1;
      continue;
    }
    // Backslashes before a quote are doubled, and the quote escaped.
    quoted += char === '"' ? '\\'.repeat(backslashes * 2 + 1) + '"' : '\\'.repeat(backslashes) + char;
    backslashes = 0;
  }
  // Backslashes before the closing quote are doubled too.
  return `${quoted}${'\\'.repeat(backslashes * 2)}"`;
}
