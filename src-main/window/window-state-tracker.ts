import type { App, BrowserWindow } from 'electron';
import type { WindowState } from './window-state';

/** The parts of a BrowserWindow the tracker reads. */
export type TrackedWindow = Pick<BrowserWindow, 'on' | 'isDestroyed' | 'isMaximized' | 'getNormalBounds'>;

export interface WindowStateTrackerOptions {
  /** Writes the state (saveWindowState bound to the file). */
  save: (state: WindowState) => Promise<void>;
  /** Quiet time after the last resize or move before writing; dragging emits dozens of events. */
  delayMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface WindowStateTracker {
  /** Resolves when every write asked for so far has finished; undefined when none is running. */
  pendingWrite(): Promise<void> | undefined;
}

/**
 * Remembers the main window's size, position and maximized state: saved after resizing or
 * moving settles, and once more when the window closes (read while it still exists).
 * Writes run one at a time and only the newest state is written, so a slow disk never
 * interleaves two writes of the same file. A failed write is logged and forgotten: losing
 * the window position must never stop the app.
 */
export function trackWindowState(
  window: TrackedWindow,
  options: WindowStateTrackerOptions,
): WindowStateTracker {
  const delayMs = options.delayMs ?? 500;
  const log = options.log ?? ((message: string, error?: unknown) => console.warn(message, error ?? ''));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved: string | undefined;
  let queued: WindowState | undefined;
  let writing: Promise<void> | undefined;

  const current = (): WindowState => {
    const { x, y, width, height } = window.getNormalBounds();
    return { x, y, width, height, isMaximized: window.isMaximized() };
  };

  const request = (state: WindowState) => {
    queued = state;
    writing ??= drain();
  };

  async function drain(): Promise<void> {
    while (queued) {
      const state = queued;
      queued = undefined;
      const key = JSON.stringify(state);
      if (key === lastSaved) continue;
      try {
        await options.save(state);
        lastSaved = key;
      } catch (error) {
        log('Could not save the window position', error);
      }
    }
    writing = undefined;
  }

  const saveSoon = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!window.isDestroyed()) request(current());
    }, delayMs);
  };

  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    request(current());
  });

  return { pendingWrite: () => writing };
}

/**
 * Electron ends the process soon after `will-quit`, without waiting for Node's pending
 * I/O, so the write started when the window closed could be cut off. This holds the quit
 * until the pending write finishes, or `timeoutMs` passes (a hung network drive must not
 * keep a closed app alive), then quits again; the second time nothing is pending.
 */
export function finishWritesBeforeQuit(
  app: Pick<App, 'on' | 'quit'>,
  pendingWrite: () => Promise<void> | undefined,
  timeoutMs = 3000,
): void {
  let held = false;
  app.on('will-quit', (event) => {
    const writes = pendingWrite();
    // Held once at most: after a timeout the same hung write is still pending, and holding
    // again would never quit.
    if (!writes || held) return;
    held = true;
    event.preventDefault();
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const gaveUp = new Promise<void>((resolve) => (timeout = setTimeout(resolve, timeoutMs)));
    void Promise.race([writes, gaveUp]).then(() => {
      clearTimeout(timeout);
      app.quit();
    });
  });
}
