import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { App, Rectangle } from 'electron';
import { loadWindowState, saveWindowState } from './window-state';
import type { WindowState } from './window-state';
import { finishWritesBeforeQuit, trackWindowState } from './window-state-tracker';
import type { TrackedWindow } from './window-state-tracker';

/** A window the test moves and resizes; emits what Electron would. */
class FakeWindow extends EventEmitter {
  bounds: Rectangle = { x: 100, y: 100, width: 1000, height: 700 };
  maximized = false;
  destroyed = false;
  isDestroyed = () => this.destroyed;
  isMaximized = () => this.maximized;
  getNormalBounds = () => ({ ...this.bounds });
  moveTo(x: number, y: number) {
    this.bounds = { ...this.bounds, x, y };
    this.emit('move');
  }
  resizeTo(width: number, height: number) {
    this.bounds = { ...this.bounds, width, height };
    this.emit('resize');
  }
}

function track(
  window: FakeWindow,
  save: (state: WindowState) => Promise<void>,
  log: (message: string, error?: unknown) => void = () => undefined,
) {
  return trackWindowState(window as unknown as TrackedWindow, { save, delayMs: 500, log });
}

describe('trackWindowState', () => {
  let saved: WindowState[];
  const recordSave = (state: WindowState) => {
    saved.push(state);
    return Promise.resolve();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    saved = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves once after moving and resizing settle, with the latest bounds', async () => {
    const window = new FakeWindow();
    const tracker = track(window, recordSave);
    for (let x = 110; x <= 200; x += 10) {
      window.moveTo(x, 120);
      await vi.advanceTimersByTimeAsync(100);
    }
    window.resizeTo(1200, 800);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await tracker.pendingWrite();
    expect(saved).toEqual([{ x: 200, y: 120, width: 1200, height: 800, isMaximized: false }]);
  });

  it('saves the maximized flag with the normal bounds when maximized and restored', async () => {
    const window = new FakeWindow();
    track(window, recordSave);
    window.maximized = true;
    window.emit('maximize');
    await vi.advanceTimersByTimeAsync(500);
    window.maximized = false;
    window.emit('unmaximize');
    await vi.advanceTimersByTimeAsync(500);
    expect(saved.map((state) => state.isMaximized)).toEqual([true, false]);
    expect(saved[0]).toMatchObject({ x: 100, y: 100, width: 1000, height: 700 });
  });

  it('saves at once when the window closes, without waiting for the quiet time', async () => {
    const window = new FakeWindow();
    const tracker = track(window, recordSave);
    window.moveTo(300, 200);
    window.emit('close');
    await tracker.pendingWrite();
    expect(saved).toEqual([{ x: 300, y: 200, width: 1000, height: 700, isMaximized: false }]);
    // The debounced save was cancelled, not run a second time after the window is gone.
    window.destroyed = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(1);
  });

  it('does not write the same state twice', async () => {
    const window = new FakeWindow();
    track(window, recordSave);
    window.moveTo(300, 200);
    await vi.advanceTimersByTimeAsync(500);
    window.emit('move'); // a spurious move to the same place
    await vi.advanceTimersByTimeAsync(500);
    expect(saved).toHaveLength(1);
  });

  it('runs one write at a time and skips to the newest state', async () => {
    const window = new FakeWindow();
    const releases: (() => void)[] = [];
    const tracker = track(window, (state) => {
      saved.push(state);
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    window.moveTo(1, 1);
    await vi.advanceTimersByTimeAsync(500);
    window.moveTo(2, 2);
    await vi.advanceTimersByTimeAsync(500);
    window.moveTo(3, 3);
    window.emit('close');
    // The first write is still running: nothing else has started.
    expect(saved.map((state) => state.x)).toEqual([1]);
    releases.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
    // Then straight to the newest state; x=2 was superseded while waiting.
    expect(saved.map((state) => state.x)).toEqual([1, 3]);
    releases.shift()?.();
    await tracker.pendingWrite();
    expect(tracker.pendingWrite()).toBeUndefined();
  });

  it('logs a failed write and keeps going', async () => {
    const window = new FakeWindow();
    const logged: unknown[] = [];
    let fail = true;
    const tracker = track(
      window,
      (state) => {
        if (fail) return Promise.reject(new Error('disk full'));
        saved.push(state);
        return Promise.resolve();
      },
      (message, error) => logged.push([message, (error as Error).message]),
    );
    window.moveTo(5, 5);
    await vi.advanceTimersByTimeAsync(500);
    await tracker.pendingWrite();
    expect(logged).toEqual([['Could not save the window position', 'disk full']]);
    fail = false;
    window.emit('close');
    await tracker.pendingWrite();
    expect(saved).toEqual([{ x: 5, y: 5, width: 1000, height: 700, isMaximized: false }]);
  });
});

describe('trackWindowState with the real file', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'notevault-window-track-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('writes window-state.json on close that the next start reads back', async () => {
    const file = join(folder, 'window-state.json');
    const window = new FakeWindow();
    const tracker = trackWindowState(window as unknown as TrackedWindow, {
      save: (state) => saveWindowState(file, state),
    });
    window.bounds = { x: 40, y: 50, width: 900, height: 650 };
    window.maximized = true;
    window.emit('close');
    await tracker.pendingWrite();
    expect(loadWindowState(file)).toEqual({ x: 40, y: 50, width: 900, height: 650, isMaximized: true });
  });
});

describe('finishWritesBeforeQuit', () => {
  function fakeApp() {
    const app = Object.assign(new EventEmitter(), { quits: 0, quit: () => undefined });
    app.quit = () => {
      app.quits += 1;
    };
    const willQuit = () => {
      let prevented = false;
      app.emit('will-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { app, willQuit };
  }

  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets the app quit when nothing is being written', () => {
    const { app, willQuit } = fakeApp();
    finishWritesBeforeQuit(app as unknown as App, () => undefined);
    expect(willQuit()).toBe(false);
  });

  it('holds the quit until the write finishes, then quits again', async () => {
    const { app, willQuit } = fakeApp();
    let finish = () => undefined as void;
    let pending: Promise<void> | undefined = new Promise<void>((resolve) => (finish = resolve));
    finishWritesBeforeQuit(app as unknown as App, () => pending);
    expect(willQuit()).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(app.quits).toBe(0);
    finish();
    pending = undefined;
    await vi.advanceTimersByTimeAsync(0);
    expect(app.quits).toBe(1);
    expect(willQuit()).toBe(false);
  });

  it('gives up on a write that hangs, and does not hold the quit a second time', async () => {
    const { app, willQuit } = fakeApp();
    const hung = new Promise<void>(() => undefined);
    finishWritesBeforeQuit(app as unknown as App, () => hung, 3000);
    expect(willQuit()).toBe(true);
    await vi.advanceTimersByTimeAsync(2999);
    expect(app.quits).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quits).toBe(1);
    expect(willQuit()).toBe(false);
  });
});
