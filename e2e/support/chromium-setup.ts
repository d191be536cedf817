import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { ChromiumNotFoundError, findChromium } from './find-chromium';
import type { ChromiumProbes, CommandResult } from './find-chromium';

// A real download of Playwright's Chromium or Debian's package takes minutes; a hung one must
// not hold `npm test` forever. Offline, Playwright gives up after its connection timeout.
const COMMAND_TIME_LIMIT_MS = 10 * 60_000;
const DOWNLOAD_CONNECTION_TIMEOUT_MS = '10000';

function run(command: string, args: readonly string[]): CommandResult {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: COMMAND_TIME_LIMIT_MS,
    // npx is npx.cmd on Windows, which only a shell runs.
    shell: process.platform === 'win32',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DEBIAN_FRONTEND: 'noninteractive',
      PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT: DOWNLOAD_CONNECTION_TIMEOUT_MS,
    },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
  if (result.error !== undefined) return { ok: false, detail: `${result.error.message} ${output}`.trim() };
  return { ok: result.status === 0, detail: `exit ${result.status ?? result.signal}: ${output}` };
}

export const realChromiumProbes: ChromiumProbes = {
  env: process.env,
  platform: process.platform,
  isRoot: process.getuid?.() === 0,
  exists: existsSync,
  playwrightChromium: () => chromium.executablePath(),
  run,
  say: (line) => console.log(`[e2e] ${line}`),
};

/**
 * Playwright's globalSetup: finds (or provisions) the browser once, before any worker starts,
 * and hands it to the workers through NOTEVAULT_CHROMIUM, which playwright.config.ts reads
 * when each worker loads it.
 */
export default function chromiumSetup(): void {
  try {
    const found = findChromium(realChromiumProbes);
    if (found.source !== 'NOTEVAULT_CHROMIUM' && found.source !== 'system') {
      console.log(`[e2e] Using Chromium at ${found.path} (${found.source}).`);
    }
    process.env.NOTEVAULT_CHROMIUM = found.path;
  } catch (error) {
    if (!(error instanceof ChromiumNotFoundError)) throw error;
    for (const line of error.details) console.error(`[e2e]   ${line}`);
    // The message is the whole story: no stack trace pointing into this file.
    error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}
