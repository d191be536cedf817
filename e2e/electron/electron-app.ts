import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, test as base } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import type { NotevaultTransport } from '../../src-shared/ipc/client';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc/contract';
import { NotesPage } from '../support/notes-page';
import { builtMain, electronAvailability, projectRoot } from './electron-availability';

/** Checked once per worker; every tier-2 spec skips with this reason when it is set. */
export const availability = electronAvailability();

/**
 * Tier-2 end-to-end: the built app in the real Electron, started by Playwright's _electron
 * with its own temporary user-data folder (NOTEVAULT_USER_DATA), so each test starts from
 * nothing and never touches the user's notes.
 */
export interface NotevaultElectron {
  /** The temporary folder the app keeps its data in; removed after the test. */
  userDataDir: string;
  /** The app's database file, in userDataDir (e2e/electron/electron-access.ts reads and seeds it). */
  databaseFile: string;
  /** Starts the app (again, after close(), with the same folder) and returns its ready window. */
  launch(): Promise<Page>;
  /** Quits the app as a user would (app.quit()) and waits for the process to end. */
  close(): Promise<void>;
  /** The running app; throws before launch(). */
  readonly app: ElectronApplication;
  /** Sends a request through the window's own preload API, as the renderer's code does. */
  dispatch(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>>;
  /**
   * Requests the main process's router logged as refused or failed (the tier-1 bridge's
   * `logged`), from the main process's console once launch() has returned.
   */
  logged: string[];
}

// The router's log lines (src-main/ipc/router.ts) for refused or failed requests.
const ROUTER_PROBLEM = /Refused IPC request|^IPC \S+ failed|trusted-sender check threw/;

/**
 * NOTEVAULT_E2E_APP_PATH: the app Electron starts instead of this checkout, e.g. the packaged
 * `dist/linux-unpacked/resources/app.asar`. The release workflow sets it to run tier 2 once
 * more on the packaged app's own files (the renderer read from app.asar through app://, the
 * Electron build of better-sqlite3 beside it), with the plain Electron binary: the packaged
 * executable refuses the debugging switches Playwright needs, by design.
 */
export const APP_PATH_ENV = 'NOTEVAULT_E2E_APP_PATH';
const fromEnv = process.env[APP_PATH_ENV];
const packagedAppPath = fromEnv ? resolve(projectRoot, fromEnv) : undefined;

/** Playwright's env replaces the child's environment, so start from ours; drop what would change the app. */
function electronEnv(userDataDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  delete env['ELECTRON_RENDERER_URL']; // would point the app at a dev server
  delete env['ELECTRON_RUN_AS_NODE']; // would start plain Node instead of the app
  delete env[APP_PATH_ENV]; // for this launcher, not the app
  env['NOTEVAULT_USER_DATA'] = userDataDir;
  return env;
}

async function startElectron(use: (electron: NotevaultElectron) => Promise<void>): Promise<void> {
  const executablePath = availability.executablePath;
  if (executablePath === undefined) throw new Error(availability.skipReason);
  if (packagedAppPath !== undefined && !existsSync(packagedAppPath)) {
    throw new Error(`${APP_PATH_ENV} names ${packagedAppPath}, which does not exist: package the app first.`);
  }
  if (packagedAppPath === undefined && !existsSync(builtMain)) {
    throw new Error(
      `${builtMain} is missing: build the app first (npm run build; npm run test:e2e does it).`,
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'notevault-electron-'));
  const databaseFile = join(userDataDir, 'notevault.db');
  let runningApp: ElectronApplication | undefined;
  let mainWindow: Page | undefined;
  const logged: string[] = [];

  const electron: NotevaultElectron = {
    userDataDir,
    databaseFile,
    async launch() {
      if (runningApp) throw new Error('The app is already running; close() it first.');
      const app = await _electron.launch({
        executablePath,
        // '.' so app.getAppPath() is the project root, where .native/ holds the Electron build of
        // better-sqlite3; a packaged app.asar finds it in native/ beside it (src-main/app-resources.ts).
        args: [packagedAppPath ?? '.'],
        cwd: projectRoot,
        env: electronEnv(userDataDir),
        timeout: 30_000,
      });
      app.on('console', (message) => {
        if (ROUTER_PROBLEM.test(message.text())) logged.push(message.text());
      });
      // Kept before waiting for the window, so a start that hangs is still closed in teardown.
      runningApp = app;
      mainWindow = await app.firstWindow();
      await new NotesPage(mainWindow).waitUntilReady();
      return mainWindow;
    },
    async close() {
      const app = runningApp;
      runningApp = undefined;
      mainWindow = undefined;
      await app?.close();
    },
    get app() {
      if (!runningApp) throw new Error('The app is not running: call launch() first.');
      return runningApp;
    },
    async dispatch(channel, payload) {
      if (!mainWindow) throw new Error('The app has no window: call launch() first.');
      return mainWindow.evaluate(
        ([name, data]) =>
          (window as unknown as { notevault: NotevaultTransport }).notevault.invoke(name, data),
        [channel, payload] as const,
      );
    },
    logged,
  };

  try {
    await use(electron);
  } finally {
    try {
      await electron.close();
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  }
}

export const test = base.extend<{ electron: NotevaultElectron }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this destructuring.
  electron: async ({}, use) => startElectron(use),
});

/**
 * Call at the top of every tier-2 describe block: where Electron cannot run, each test is
 * reported as skipped with the reason, never run and never silently passed.
 */
export function skipWithoutElectron(): void {
  test.skip(availability.skipReason !== undefined, availability.skipReason);
}

export { expect } from '@playwright/test';
