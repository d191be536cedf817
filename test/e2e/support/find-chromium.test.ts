import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChromiumNotFoundError, findChromium, NO_CHROMIUM_MESSAGE } from '../../../e2e/support/find-chromium';
import type { ChromiumProbes, CommandResult } from '../../../e2e/support/find-chromium';

const APT_INSTALL = 'apt-get install -y --reinstall --no-install-recommends chromium';
const PLAYWRIGHT = '/root/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

interface Machine {
  files?: string[];
  env?: Record<string, string>;
  platform?: NodeJS.Platform;
  isRoot?: boolean;
  /** What a command does: the files it creates and whether it succeeds. Unlisted commands fail. */
  commands?: Record<string, { creates?: string; ok: boolean }>;
}

// The machine as findChromium sees it: which paths exist and what each command does.
function probe(machine: Machine) {
  const files = new Set(machine.files ?? []);
  const ran: string[] = [];
  const said: string[] = [];
  const probes: ChromiumProbes = {
    env: machine.env ?? {},
    platform: machine.platform ?? 'linux',
    isRoot: machine.isRoot ?? false,
    exists: (path) => files.has(path),
    playwrightChromium: () => PLAYWRIGHT,
    run(command, args): CommandResult {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const effect = machine.commands?.[line];
      if (effect?.creates !== undefined) files.add(effect.creates);
      return { ok: effect?.ok ?? false, detail: effect?.ok === true ? 'exit 0' : 'exit 1: ENOTFOUND' };
    },
    say: (text) => said.push(text),
  };
  return { probes, ran, said };
}

function failure(machine: Machine): ChromiumNotFoundError {
  const { probes } = probe(machine);
  try {
    findChromium(probes);
  } catch (error) {
    if (error instanceof ChromiumNotFoundError) return error;
    throw error;
  }
  throw new Error('findChromium found a browser');
}

const offlineDebianRoot: Machine = {
  isRoot: true,
  files: ['/usr/bin/apt-get'],
  commands: { [APT_INSTALL]: { ok: true, creates: '/usr/bin/chromium' } },
};

describe('findChromium', () => {
  it('takes NOTEVAULT_CHROMIUM first, over an installed browser, and runs nothing', () => {
    const { probes, ran } = probe({
      env: { NOTEVAULT_CHROMIUM: '/opt/chrome/chrome' },
      files: ['/opt/chrome/chrome', '/usr/bin/chromium', PLAYWRIGHT],
    });
    expect(findChromium(probes)).toEqual({ path: '/opt/chrome/chrome', source: 'NOTEVAULT_CHROMIUM' });
    expect(ran).toEqual([]);
  });

  it('fails on a NOTEVAULT_CHROMIUM that does not exist rather than quietly using another browser', () => {
    const error = failure({ env: { NOTEVAULT_CHROMIUM: '/nowhere/chrome' }, files: ['/usr/bin/chromium'] });
    expect(error.message).toBe(
      'NOTEVAULT_CHROMIUM is set to /nowhere/chrome, which does not exist: point it at a Chromium or Chrome executable, or unset it.',
    );
  });

  it.each([
    [['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'], '/usr/bin/chromium'],
    [['/usr/bin/chromium-browser', '/usr/bin/google-chrome', PLAYWRIGHT], '/usr/bin/chromium-browser'],
    [['/usr/bin/google-chrome', PLAYWRIGHT], '/usr/bin/google-chrome'],
  ])('prefers the system browser on Linux, in order: %j gives %s', (files, expected) => {
    const { probes, ran } = probe({ files });
    expect(findChromium(probes)).toEqual({ path: expected, source: 'system' });
    expect(ran).toEqual([]);
  });

  it('looks in the usual places on macOS and Windows', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(probe({ platform: 'darwin', files: [chrome] }).probes).path).toBe(chrome);

    const local = join('C:\\Users\\ann\\AppData\\Local', 'Google', 'Chrome', 'Application', 'chrome.exe');
    const env = { PROGRAMFILES: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\ann\\AppData\\Local' };
    expect(findChromium(probe({ platform: 'win32', env, files: [local] }).probes).path).toBe(local);
  });

  it("uses Playwright's installed Chromium when there is no system browser", () => {
    const { probes, ran } = probe({ files: [PLAYWRIGHT] });
    expect(findChromium(probes)).toEqual({ path: PLAYWRIGHT, source: 'playwright' });
    expect(ran).toEqual([]);
  });

  it('downloads Playwright’s Chromium next, adding its libraries only where it runs as root on Linux', () => {
    const download = { 'npx playwright install chromium': { ok: true, creates: PLAYWRIGHT } };
    const asUser = probe({ commands: download });
    expect(findChromium(asUser.probes)).toEqual({ path: PLAYWRIGHT, source: 'playwright-install' });
    expect(asUser.ran).toEqual(['npx playwright install chromium']);
    expect(asUser.said).toEqual([
      'No Chromium found for the end-to-end tests; running "npx playwright install chromium".',
    ]);

    const asRoot = probe({ isRoot: true, files: ['/usr/bin/apt-get'], commands: download });
    expect(findChromium(asRoot.probes).source).toBe('playwright-install');
    expect(asRoot.ran).toEqual(['npx playwright install chromium', 'npx playwright install-deps chromium']);
  });

  it('falls back to apt-get as root on Debian when the download fails, and says so', () => {
    const { probes, ran, said } = probe(offlineDebianRoot);
    expect(findChromium(probes)).toEqual({ path: '/usr/bin/chromium', source: 'apt-get' });
    expect(ran).toEqual(['npx playwright install chromium', APT_INSTALL]);
    expect(said.at(-1)).toBe(
      'The Playwright download failed; installing Chromium with the system package manager: "apt-get install chromium".',
    );
  });

  it('refreshes the package lists once when a fresh machine has none', () => {
    let lists = false;
    const { probes, ran } = probe({ isRoot: true, files: ['/usr/bin/apt-get'] });
    const files = new Set(['/usr/bin/apt-get']);
    probes.exists = (path) => files.has(path);
    probes.run = (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      if (line === 'apt-get update') lists = true;
      if (line === APT_INSTALL && lists) files.add('/usr/bin/chromium');
      return { ok: line === 'apt-get update' || files.has('/usr/bin/chromium'), detail: '' };
    };
    expect(findChromium(probes).source).toBe('apt-get');
    expect(ran).toEqual(['npx playwright install chromium', APT_INSTALL, 'apt-get update', APT_INSTALL]);
  });

  it.each<[string, Machine]>([
    ['not root', { ...offlineDebianRoot, isRoot: false }],
    ['no apt-get', { ...offlineDebianRoot, files: [] }],
    ['macOS', { ...offlineDebianRoot, platform: 'darwin' }],
    ['apt-get failing', { isRoot: true, files: ['/usr/bin/apt-get'] }],
  ])('fails with one sentence naming the fix when nothing works (%s)', (_case, machine) => {
    const error = failure(machine);
    expect(error.message).toBe(NO_CHROMIUM_MESSAGE);
    expect(error.message).toMatch(/npx playwright install chromium.*NOTEVAULT_CHROMIUM/);
    expect(error.details.join('\n')).toMatch(/npx playwright install chromium: failed/);
  });

  it('does not run apt-get unless it may (Linux, root, apt-get present)', () => {
    const { probes, ran } = probe({ ...offlineDebianRoot, isRoot: false });
    expect(() => findChromium(probes)).toThrow(ChromiumNotFoundError);
    expect(ran).toEqual(['npx playwright install chromium']);
  });
});
