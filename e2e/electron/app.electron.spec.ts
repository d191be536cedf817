import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import type { NotevaultTransport } from '../../src-shared/ipc/client';
import { NotesPage } from '../support/notes-page';
import { expect, skipWithoutElectron, test } from './electron-app';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The main window's normal (unmaximized) bounds, as the app saves them. */
function windowBounds(app: ElectronApplication): Promise<Bounds> {
  return app.evaluate(({ BrowserWindow }) => {
    const [window] = BrowserWindow.getAllWindows();
    if (!window) throw new Error('NoteVault has no window');
    return window.getNormalBounds();
  });
}

function primaryWorkArea(app: ElectronApplication): Promise<Bounds> {
  return app.evaluate(({ screen }) => screen.getPrimaryDisplay().workArea);
}

function inside(bounds: Bounds, area: Bounds): boolean {
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

// A window manager may move a window by its frame's size when it maps it again.
const WM_SLACK = 40;

function expectNear(actual: Bounds, expected: Bounds): void {
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    const detail = `${key}: ${actual[key]} vs ${expected[key]}`;
    expect(Math.abs(actual[key] - expected[key]), detail).toBeLessThanOrEqual(WM_SLACK);
  }
}

test.describe('the Electron app', () => {
  skipWithoutElectron();

  test('keeps its data in the user-data folder it was given', async ({ electron }) => {
    await electron.launch();
    expect(await electron.app.evaluate(({ app }) => app.getPath('userData'))).toBe(electron.userDataDir);
    expect(existsSync(electron.databaseFile)).toBe(true);
  });

  test('runs the page isolated and sandboxed: the API is there, Node is not, injected scripts do not run', async ({
    electron,
  }) => {
    const page = await electron.launch();
    const world = await page.evaluate(() => {
      const global = globalThis as Record<string, unknown>;
      const api = (window as unknown as { notevault: NotevaultTransport }).notevault;
      return {
        require: typeof global['require'],
        process: typeof global['process'],
        module: typeof global['module'],
        api: typeof api,
        apiFrozen: Object.isFrozen(api),
        apiKeys: Object.keys(api).sort(),
      };
    });
    expect(world).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      api: 'object',
      apiFrozen: true,
      apiKeys: ['invoke', 'subscribe'],
    });
    // What HTML injection would try: the CSP (script-src 'self') must stop both. (eval cannot
    // be probed this way: code run through page.evaluate is exempt from the page's CSP.)
    const ran = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const flags = window as unknown as Record<string, unknown>;
          const inline = document.createElement('script');
          inline.textContent = 'window.__injectedInline = true';
          const fromData = document.createElement('script');
          fromData.src = 'data:text/javascript,window.__injectedData = true';
          document.head.append(inline, fromData);
          setTimeout(
            () => resolve(['__injectedInline', '__injectedData'].filter((name) => name in flags)),
            500,
          );
        }),
    );
    expect(ran).toEqual([]);
  });

  test('opens no new windows and does not navigate away', async ({ electron }) => {
    const page = await electron.launch();
    const home = page.url();
    expect(home).toBe('app://notevault/index.html');

    const opened = await page.evaluate(() => window.open('https://example.org/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      const link = document.createElement('a');
      link.href = 'https://example.org/';
      link.target = '_blank';
      document.body.append(link);
      link.click();
      link.remove();
    });
    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    // A prevented navigation leaves nothing to wait for: give an allowed one time to start,
    // then a round trip through IPC shows the page is still ours (a foreign page would have
    // no API, or be refused by the sender check).
    await page.waitForTimeout(1000);
    expect(await electron.dispatch('notes:count', undefined)).toEqual({ ok: true, value: 0 });
    expect(page.url()).toBe(home);
    expect(electron.app.windows()).toHaveLength(1);
    await new NotesPage(page).waitUntilReady();
  });

  test('notes survive a restart', async ({ electron }) => {
    const first = new NotesPage(await electron.launch());
    await first.createNote('Still here', 'after a restart');
    await electron.close();

    const second = new NotesPage(await electron.launch());
    await expect(second.entry('Still here')).toBeVisible();
    await second.entry('Still here').click();
    await expect(second.body).toHaveValue('after a restart');
  });

  test('remembers the window size and position across restarts', async ({ electron }) => {
    await electron.launch();
    const area = await primaryWorkArea(electron.app);
    // Inside the work area and at least the minimum size, whatever the test display is.
    const width = Math.min(Math.max(700, 640), area.width);
    const height = Math.min(Math.max(480, 420), area.height);
    const wanted = {
      x: area.x + Math.floor((area.width - width) / 3),
      y: area.y + Math.floor((area.height - height) / 3),
      width,
      height,
    };
    await electron.app.evaluate(
      ({ BrowserWindow }, bounds) => BrowserWindow.getAllWindows()[0]?.setBounds(bounds),
      wanted,
    );
    const placed = await windowBounds(electron.app);
    await electron.close();

    const saved = JSON.parse(readFileSync(join(electron.userDataDir, 'window-state.json'), 'utf8')) as Bounds;
    expect(saved).toMatchObject({ version: 1, isMaximized: false });
    expectNear(saved, placed);

    await electron.launch();
    expectNear(await windowBounds(electron.app), saved);
  });

  test('brings a window that was on an unplugged monitor back onto the screen', async ({ electron }) => {
    writeFileSync(
      join(electron.userDataDir, 'window-state.json'),
      JSON.stringify({ version: 1, x: 50_000, y: 50_000, width: 800, height: 600, isMaximized: false }),
    );
    await electron.launch();
    const bounds = await windowBounds(electron.app);
    const area = await primaryWorkArea(electron.app);
    const slack = {
      x: area.x - WM_SLACK,
      y: area.y - WM_SLACK,
      width: area.width + 2 * WM_SLACK,
      height: area.height + 2 * WM_SLACK,
    };
    expect(inside(bounds, slack), `${JSON.stringify(bounds)} within ${JSON.stringify(area)}`).toBe(true);
  });

  test('opens at the default size when window-state.json is damaged, and replaces it on close', async ({
    electron,
  }) => {
    const stateFile = join(electron.userDataDir, 'window-state.json');
    writeFileSync(stateFile, '{"version": 1, "x": ');
    const app = new NotesPage(await electron.launch());
    await expect(app.newNoteButton).toBeVisible();
    const area = await primaryWorkArea(electron.app);
    const bounds = await windowBounds(electron.app);
    expect(Math.abs(bounds.width - Math.min(1100, area.width))).toBeLessThanOrEqual(WM_SLACK);
    expect(Math.abs(bounds.height - Math.min(750, area.height))).toBeLessThanOrEqual(WM_SLACK);
    await electron.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1, isMaximized: false });
  });
});
