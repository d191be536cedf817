import { join } from 'node:path';

/**
 * Which Chromium the end-to-end tier drives, found or provisioned in this order:
 *   1. NOTEVAULT_CHROMIUM (a path; if it is set but missing, that is the error: no guessing)
 *   2. a system Chromium or Chrome at its usual place for the platform
 *   3. Playwright's own Chromium, if `npx playwright install chromium` already ran
 *   4. `npx playwright install chromium` (needs the internet)
 *   5. on Debian/Ubuntu as root, `apt-get install chromium` (needs only the apt mirror)
 * Anything else fails with one sentence naming the fix: the tier never skips itself.
 * The environment is injected (ChromiumProbes) so the order is unit-tested without
 * touching the machine; chromium-setup.ts passes the real one.
 */

export interface CommandResult {
  ok: boolean;
  /** The last lines of output, or why it did not run (timed out, not found). */
  detail: string;
}

export interface ChromiumProbes {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  isRoot: boolean;
  exists(path: string): boolean;
  /** Where Playwright keeps (or would keep) its Chromium: `chromium.executablePath()`. */
  playwrightChromium(): string;
  /** Runs a command to completion within its time bound; never throws. */
  run(command: string, args: readonly string[]): CommandResult;
  /** Tells the person what is being done and why (installs take minutes). */
  say(line: string): void;
}

export interface FoundChromium {
  path: string;
  source: 'NOTEVAULT_CHROMIUM' | 'system' | 'playwright' | 'playwright-install' | 'apt-get';
}

export class ChromiumNotFoundError extends Error {
  /** What each step found, for whoever debugs the machine. */
  readonly details: readonly string[];

  constructor(message: string, details: readonly string[]) {
    super(message);
    this.name = 'ChromiumNotFoundError';
    this.details = details;
  }
}

export const NO_CHROMIUM_MESSAGE =
  'The end-to-end tests found no Chromium: run "npx playwright install chromium" ' +
  "(or install your system's chromium package), or set NOTEVAULT_CHROMIUM to a Chromium or Chrome executable.";

/** The usual install places; Ubuntu's chromium-browser may be a snap wrapper, still a launcher. */
export function systemChromiumPaths(platform: NodeJS.Platform, env: ChromiumProbes['env']): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => root !== undefined && root !== '',
    );
    return [
      ...roots.map((root) => join(root, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((root) => join(root, 'Chromium', 'Application', 'chrome.exe')),
    ];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
}

export function findChromium(probes: ChromiumProbes): FoundChromium {
  const tried: string[] = [];
  const chosen = probes.env.NOTEVAULT_CHROMIUM;
  if (chosen !== undefined && chosen !== '') {
    if (probes.exists(chosen)) return { path: chosen, source: 'NOTEVAULT_CHROMIUM' };
    throw new ChromiumNotFoundError(
      `NOTEVAULT_CHROMIUM is set to ${chosen}, which does not exist: point it at a Chromium or Chrome executable, or unset it.`,
      [`NOTEVAULT_CHROMIUM=${chosen}: no such file`],
    );
  }

  const installed = findInstalled(probes, tried);
  if (installed !== undefined) return installed;

  probes.say('No Chromium found for the end-to-end tests; running "npx playwright install chromium".');
  const download = probes.run('npx', ['playwright', 'install', 'chromium']);
  tried.push(`npx playwright install chromium: ${download.ok ? 'succeeded' : 'failed'}: ${download.detail}`);
  const downloaded = probes.playwrightChromium();
  if (download.ok && probes.exists(downloaded)) {
    if (probes.platform === 'linux' && probes.isRoot) {
      // Playwright's Chromium build needs shared libraries a bare Linux lacks; as root we can add them.
      const deps = probes.run('npx', ['playwright', 'install-deps', 'chromium']);
      tried.push(`npx playwright install-deps chromium: ${deps.ok ? 'succeeded' : 'failed'}: ${deps.detail}`);
    }
    return { path: downloaded, source: 'playwright-install' };
  }

  const fromApt = installWithApt(probes, tried);
  if (fromApt !== undefined) return fromApt;

  throw new ChromiumNotFoundError(NO_CHROMIUM_MESSAGE, tried);
}

function findInstalled(probes: ChromiumProbes, tried: string[]): FoundChromium | undefined {
  const system = systemChromiumPaths(probes.platform, probes.env).find((path) => probes.exists(path));
  if (system !== undefined) return { path: system, source: 'system' };
  tried.push(`no system Chromium at ${systemChromiumPaths(probes.platform, probes.env).join(', ')}`);

  const playwright = probes.playwrightChromium();
  if (probes.exists(playwright)) return { path: playwright, source: 'playwright' };
  tried.push(`no Playwright Chromium at ${playwright}`);
  return undefined;
}

function installWithApt(probes: ChromiumProbes, tried: string[]): FoundChromium | undefined {
  if (probes.platform !== 'linux' || !probes.isRoot || !probes.exists('/usr/bin/apt-get')) {
    tried.push('apt-get: not tried (needs Linux with apt-get, as root)');
    return undefined;
  }
  probes.say(
    'The Playwright download failed; installing Chromium with the system package manager: "apt-get install chromium".',
  );
  // --reinstall: if the package is registered but its executable is gone, a plain install does
  // nothing. A fresh machine may have no package lists yet: refresh them and try once more.
  const command = ['install', '-y', '--reinstall', '--no-install-recommends', 'chromium'];
  let install = probes.run('apt-get', command);
  if (!install.ok) {
    const update = probes.run('apt-get', ['update']);
    tried.push(`apt-get update: ${update.ok ? 'succeeded' : 'failed'}: ${update.detail}`);
    install = probes.run('apt-get', command);
  }
  tried.push(`apt-get ${command.join(' ')}: ${install.ok ? 'succeeded' : 'failed'}: ${install.detail}`);
  const system = systemChromiumPaths(probes.platform, probes.env).find((path) => probes.exists(path));
  return install.ok && system !== undefined ? { path: system, source: 'apt-get' } : undefined;
}
