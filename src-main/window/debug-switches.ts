/**
 * Switches that open a packaged NoteVault to a debugger: Chromium's remote debugging (a
 * DevTools endpoint that can drive the page and call its API), Node's inspector for the
 * main process, and V8 flags (which can switch on native syntax or an inspector from
 * inside). The NodeCliInspectArguments and NodeOptionsEnvironmentVariable fuses already
 * make Electron ignore --inspect* and NODE_OPTIONS in packaged builds (electron-builder.yml,
 * checked by scripts/verify-fuses.mjs); refusing them here as well means a binary whose
 * fuses were not flipped still does not start with them.
 */
const REFUSED_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-wait',
  'inspect-brk-node',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  'js-flags',
  'enable-logging',
  'log-file',
  'v',
  'vmodule',
];

/** Debug variables Electron reads in packaged builds too (logging of the renderer's console, IPC and asar reads). */
const REFUSED_ENV = [
  'ELECTRON_ENABLE_LOGGING',
  'ELECTRON_LOG_FILE',
  'ELECTRON_DEBUG_NOTIFICATIONS',
  'ELECTRON_LOG_ASAR_READS',
  'ELECTRON_ENABLE_STACK_DUMPING',
];

/**
 * The debugging switches and variables a packaged NoteVault was started with; empty when
 * there are none or in development. Chromium accepts `--name`, `-name` and (on Windows)
 * `/name`, with `=value` or not, and on Windows in any case: all those spellings count.
 */
export function findDebugSwitches(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  { isPackaged, platform }: { isPackaged: boolean; platform: NodeJS.Platform },
): string[] {
  if (!isPackaged) return [];
  const prefix = platform === 'win32' ? /^(?:--|-|\/)/ : /^--?/;
  const found = argv.slice(1).flatMap((arg) => {
    if (!prefix.test(arg)) return [];
    const name = arg.replace(prefix, '').split('=')[0]!.toLowerCase();
    return REFUSED_SWITCHES.includes(name) ? [arg.split('=')[0]!] : [];
  });
  const windowsEnv = platform === 'win32';
  for (const key of Object.keys(env)) {
    const name = windowsEnv ? key.toUpperCase() : key;
    // Electron checks that the variable is set, whatever its value.
    if (REFUSED_ENV.includes(name) && env[key] !== undefined) found.push(key);
  }
  return found;
}

/** The one sentence a person sees when start-up is refused. */
export function debugSwitchesMessage(found: readonly string[]): string {
  return `NoteVault does not start with debugging turned on (${found.join(', ')}): start it again without ${found.length === 1 ? 'it' : 'them'}.`;
}
