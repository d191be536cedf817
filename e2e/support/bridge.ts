import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { NotevaultTransport } from '../../src-shared/ipc/client';
import type { IpcChannel, IpcEvent, IpcResult } from '../../src-shared/ipc/contract';
import { createAppServices } from '../../src-main/app/app-services';
import type { AppServices } from '../../src-main/app/app-services';
import type { NotesRepository } from '../../src-main/db/notes-repository';
import { deriveKeyInWorker } from '../../src-main/backup/format/derive-key-in-worker';
import { FileSealedKeyStore } from '../../src-main/keystore/file-sealed-key-store';
import { InMemorySealer } from '../../test/main/keystore/test-sealer';
import { TestClock } from '../../test/main/schedule/test-clock';
import { createIpcHandlers } from '../../src-main/ipc/app-handlers';
import { createIpcRouter } from '../../src-main/ipc/router';
import type { SenderInfo } from '../../src-main/ipc/sender-info';
import type { ConfirmQuestion } from '../../src-main/app/dialogs';

/**
 * Tier-1 end-to-end bridge: the built renderer runs in Chromium, and its `window.notevault`
 * reaches the REAL router, handlers and repository running here in the test process, on a
 * real SQLite file in a temporary folder. The page builds its API with the same
 * createNotevaultApi as in the app; only the preload's ipcRenderer is replaced, by
 * page.exposeFunction for requests and page.evaluate for events.
 */
export interface NotevaultBridge {
  /**
   * The repository behind the page, for seeding before page.goto and for checking the
   * database. A getter: a restore closes and reopens the database underneath.
   */
  readonly notes: NotesRepository;
  /** Every main-process service, built by the app's own composition root over `userDataDir`. */
  services: AppServices;
  userDataDir: string;
  /** A temp folder the stubbed dialogs offer by default for backups. */
  backupFolder: string;
  /**
   * What the stubbed native dialogs answer next (null = the person cancelled), and what was
   * shown; `confirm` answers main's confirmation dialog (yes by default) and `asked` lists its questions.
   */
  dialogs: {
    folder: string | null;
    backupFile: string | null;
    shownInFolder: string[];
    confirm: boolean;
    asked: ConfirmQuestion[];
    /** Where the save dialog saves (null: cancelled), and the file names it offered. */
    saveFile: string | null;
    offeredNames: string[];
    /** What import's dialog answers (a fixture folder or file; null: cancelled). */
    importSource: string | null;
    /** Where export's dialog writes (null: cancelled), and the names it suggested. */
    exportTo: string | null;
    suggestedExportNames: string[];
  };
  /** The scheduler's clock: time moves only when a test advances it. */
  clock: TestClock;
  /** Desktop notifications the scheduler asked for, oldest first. */
  notifications: { title: string; body: string }[];
  /** Sends a request as the page would, e.g. to change notes "elsewhere" and watch the page follow. */
  dispatch(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>>;
  /**
   * Addresses links:open handed to the system browser (after main's check), oldest first: the
   * bridge records them instead of opening a browser.
   */
  openedLinks: string[];
  /** Requests the router logged as refused or failed; a test expecting none can assert it. */
  logged: string[];
}

// The bridge's only sender is the test page, so it is trusted by identity.
const TEST_PAGE: SenderInfo = { webContentsId: 1, frameUrl: 'http://127.0.0.1:4173/', isMainFrame: true };

interface BridgeWindow {
  __notevaultInvoke(channel: string, payload: unknown): Promise<IpcResult<unknown>>;
  __notevaultEmit(event: string, payload: unknown): void;
}

/**
 * Runs in the page before its scripts (serialised by addInitScript, so self-contained):
 * the stand-in for the preload's frozen transport.
 */
function installPageTransport(): void {
  const page = window as unknown as BridgeWindow;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  page.__notevaultEmit = (event, payload) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const transport: NotevaultTransport = {
    invoke: (channel, payload) => page.__notevaultInvoke(channel, payload),
    subscribe: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => {
        set.delete(listener);
      };
    },
  };
  Object.defineProperty(window, 'notevault', { value: Object.freeze(transport), enumerable: true });
}

// The end-to-end tests run after `npm run build`: the real, built job and key workers.
const BUILT_MAIN = resolve(__dirname, '../../out/main');

async function startBridge(page: Page, use: (bridge: NotevaultBridge) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'notevault-e2e-'));
  const userDataDir = join(root, 'userData');
  const backupFolder = join(root, 'backups');
  mkdirSync(backupFolder);
  const logged: string[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const dialogs: NotevaultBridge['dialogs'] = {
    folder: backupFolder,
    backupFile: null,
    shownInFolder: [],
    confirm: true,
    asked: [],
    saveFile: join(root, 'saved-copy'),
    offeredNames: [],
    importSource: null,
    exportTo: null,
    suggestedExportNames: [],
  };
  const clock = new TestClock(Date.now());
  const notifications: NotevaultBridge['notifications'] = [];
  const openedLinks: string[] = [];
  const emit = (event: IpcEvent, payload: unknown): void => {
    const delivery = page
      .evaluate(([name, data]) => (window as unknown as BridgeWindow).__notevaultEmit(name, data), [
        event,
        payload,
      ] as const)
      // The page may be navigating or closing; a lost event then is what Electron would do too.
      .catch(() => undefined);
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  };
  let services: AppServices | undefined;
  try {
    services = await createAppServices(userDataDir, {
      // The only stub: native OS dialogs cannot be driven from a browser test.
      dialogs: {
        chooseFolder: () => Promise.resolve(dialogs.folder),
        chooseBackupFile: () => Promise.resolve(dialogs.backupFile),
        chooseSaveFile: ({ defaultName }) => {
          dialogs.offeredNames.push(defaultName);
          return Promise.resolve(dialogs.saveFile);
        },
        showInFolder: (path) => void dialogs.shownInFolder.push(path),
        confirm: (question) => {
          dialogs.asked.push(question);
          return Promise.resolve(dialogs.confirm);
        },
      },
      transferDialogs: {
        chooseImportSource: () => Promise.resolve(dialogs.importSource),
        chooseExportDestination: (_format, defaultName) => {
          dialogs.suggestedExportNames.push(defaultName);
          return Promise.resolve(dialogs.exportTo);
        },
      },
      events: emit,
      workerPath: join(BUILT_MAIN, 'backup-job-worker.js'),
      appVersion: '0.0.0-e2e',
      platform: process.platform,
      tempParent: join(root, 'tmp'),
      schedule: {
        clock,
        keyStore: new FileSealedKeyStore(join(userDataDir, 'sealed-backup-key.bin'), new InMemorySealer()),
        deriveKey: (passkey, params) =>
          deriveKeyInWorker(passkey, params, join(BUILT_MAIN, 'derive-key-worker.js')),
        notify: (title, body) => void notifications.push({ title, body }),
      },
    });
    mkdirSync(join(root, 'tmp'));
    const app = services;
    const handlers = createIpcHandlers(
      {
        ...app,
        notes: () => app.holder.repository(),
        // The other stub: a test never launches the system browser.
        links: { open: (href) => Promise.resolve(void openedLinks.push(href)) },
      },
      emit,
    );
    // As in the app; the grace period and every wait run on `clock`, which only the test moves.
    app.schedule.start();
    app.drills.start();
    const router = createIpcRouter({
      handlers,
      isTrustedSender: (sender) => sender === TEST_PAGE,
      log: (message, error) =>
        logged.push(error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message),
    });
    await page.exposeFunction('__notevaultInvoke', (channel: string, payload: unknown) =>
      router.dispatch(channel, payload, TEST_PAGE),
    );
    await page.addInitScript(installPageTransport);
    await use({
      get notes() {
        return app.holder.repository();
      },
      services: app,
      userDataDir,
      backupFolder,
      dialogs,
      clock,
      notifications,
      dispatch: (channel, payload) => router.dispatch(channel, payload, TEST_PAGE),
      openedLinks,
      logged,
    });
  } finally {
    services?.backup.cancel();
    services?.transfer.cancel();
    await Promise.allSettled([...inFlight]);
    await services?.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}

export const test = base.extend<{ bridge: NotevaultBridge }>({
  bridge: async ({ page }, use) => startBridge(page, use),
});

export { expect } from '@playwright/test';
