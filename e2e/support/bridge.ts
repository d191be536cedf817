import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { NotevaultTransport } from '../../src-shared/ipc/client';
import type { IpcChannel, IpcResult } from '../../src-shared/ipc/contract';
import type { NotesRepository } from '../../src-main/db/notes-repository';
import { createNotesHandlers } from '../../src-main/ipc/notes-handlers';
import { createIpcRouter } from '../../src-main/ipc/router';
import type { SenderInfo } from '../../src-main/ipc/sender-info';
import { createTempNotesDatabase } from '../../src-main/ipc/testing/temp-notes-database';

/**
 * Tier-1 end-to-end bridge: the built renderer runs in Chromium, and its `window.notevault`
 * reaches the REAL router, handlers and repository running here in the test process, on a
 * real SQLite file in a temporary folder. The page builds its API with the same
 * createNotevaultApi as in the app; only the preload's ipcRenderer is replaced, by
 * page.exposeFunction for requests and page.evaluate for events.
 */
export interface NotevaultBridge {
  /** The repository behind the page, for seeding before page.goto and for checking the database. */
  notes: NotesRepository;
  /** Sends a request as the page would, e.g. to change notes "elsewhere" and watch the page follow. */
  dispatch(channel: IpcChannel, payload: unknown): Promise<IpcResult<unknown>>;
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

async function startBridge(page: Page, use: (bridge: NotevaultBridge) => Promise<void>): Promise<void> {
  const temp = createTempNotesDatabase('notevault-e2e-');
  const logged: string[] = [];
  const inFlight = new Set<Promise<unknown>>();
  try {
    const router = createIpcRouter({
      handlers: createNotesHandlers(() => temp.notes, (event, payload) => {
        const delivery = page
          .evaluate(([name, data]) => (window as unknown as BridgeWindow).__notevaultEmit(name, data), [
            event,
            payload,
          ] as const)
          // The page may be navigating or closing; a lost event then is what Electron would do too.
          .catch(() => undefined);
        inFlight.add(delivery);
        void delivery.finally(() => inFlight.delete(delivery));
      }),
      isTrustedSender: (sender) => sender === TEST_PAGE,
      log: (message, error) =>
        logged.push(error instanceof Error ? `${message}: ${error.stack ?? error.message}` : message),
    });
    await page.exposeFunction('__notevaultInvoke', (channel: string, payload: unknown) =>
      router.dispatch(channel, payload, TEST_PAGE),
    );
    await page.addInitScript(installPageTransport);
    await use({
      notes: temp.notes,
      dispatch: (channel, payload) => router.dispatch(channel, payload, TEST_PAGE),
      logged,
    });
  } finally {
    await Promise.allSettled([...inFlight]);
    temp.dispose();
  }
}

export const test = base.extend<{ bridge: NotevaultBridge }>({
  bridge: async ({ page }, use) => startBridge(page, use),
});

export { expect } from '@playwright/test';
