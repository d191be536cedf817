import type { EventEmitter } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { RENDERER_URL } from './app-origin';
import { createMainWindow } from './main-window';
import { createSecureWindow } from './secure-window';
import type { SecureWindowOptions } from './secure-window';

// Electron cannot run here (and require('electron') tries to download it): BrowserWindow is
// a recorder of what the app asked for.
const created = vi.hoisted(() => [] as FakeWindow[]);
const fakeApp = vi.hoisted(() => ({ isPackaged: true }));
interface FakeWindow extends EventEmitter {
  options: BrowserWindowConstructorOptions;
  calls: string[];
}
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    readonly calls: string[] = [];
    constructor(readonly options: BrowserWindowConstructorOptions) {
      super();
      created.push(this);
    }
    loadURL(url: string) {
      this.calls.push(`loadURL ${url}`);
      return Promise.resolve();
    }
    show() {
      this.calls.push('show');
    }
    maximize() {
      this.calls.push('maximize');
    }
  }
  return { BrowserWindow, app: fakeApp };
});

const SECURE_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  // The tests run as a packaged build unless they say otherwise.
  devTools: false,
};

const root = join(__dirname, '..', '..');

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('createSecureWindow', () => {
  afterEach(() => {
    created.length = 0;
  });

  it('isolates and sandboxes the renderer, with no Node, no webview and web security on', () => {
    createSecureWindow({ preloadPath: '/app/out/preload/index.js', width: 800, title: 'x' });
    const [window] = created;
    expect(window?.options).toMatchObject({ width: 800, title: 'x' });
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      ...SECURE_PREFERENCES,
    });
    // Nothing that would switch a protection back on by another name.
    expect(window?.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window?.options.webPreferences).not.toHaveProperty('additionalArguments');
  });

  it('keeps its preferences even when a caller smuggles its own in', () => {
    const sneaky = {
      preloadPath: '/p.js',
      webPreferences: { nodeIntegration: true, sandbox: false, contextIsolation: false, webviewTag: true },
    } as unknown as SecureWindowOptions;
    createSecureWindow(sneaky);
    expect(created[0]?.options.webPreferences).toMatchObject({ preload: '/p.js', ...SECURE_PREFERENCES });
  });
});

describe('DevTools', () => {
  afterEach(() => {
    created.length = 0;
    fakeApp.isPackaged = true;
  });

  it('are off in a packaged build and on in development', () => {
    createSecureWindow({ preloadPath: '/p.js' });
    fakeApp.isPackaged = false;
    createSecureWindow({ preloadPath: '/p.js' });
    expect(created.map((window) => window.options.webPreferences?.devTools)).toEqual([false, true]);
  });

  it('stay off even when a caller smuggles them in', () => {
    const sneaky = {
      preloadPath: '/p.js',
      webPreferences: { devTools: true },
    } as unknown as SecureWindowOptions;
    createSecureWindow(sneaky);
    expect(created[0]?.options.webPreferences?.devTools).toBe(false);
  });
});

describe('every BrowserWindow the app creates', () => {
  afterEach(() => {
    created.length = 0;
  });

  it('the main window is a secure window that shows our page over app://', () => {
    createMainWindow({ preloadPath: '/app/out/preload/index.js', rendererUrl: RENDERER_URL });
    expect(created).toHaveLength(1);
    const [window] = created;
    expect(window?.options.webPreferences).toMatchObject(SECURE_PREFERENCES);
    expect(window?.options).toMatchObject({ show: false, minWidth: 720, minHeight: 540 });
    expect(window?.calls).toEqual(['loadURL app://notevault/index.html']);
  });

  it('opens the main window where it was remembered, maximized before it is first shown', () => {
    createMainWindow({
      preloadPath: '/p.js',
      rendererUrl: RENDERER_URL,
      state: { x: 40, y: 30, width: 900, height: 600, isMaximized: true },
    });
    const [window] = created;
    expect(window?.options).toMatchObject({ x: 40, y: 30, width: 900, height: 600 });
    window?.emit('ready-to-show');
    expect(window?.calls.slice(1)).toEqual(['maximize', 'show']);
  });

  it('lets the OS place a window that has no remembered position', () => {
    createMainWindow({ preloadPath: '/p.js', rendererUrl: RENDERER_URL });
    expect(created[0]?.options).not.toHaveProperty('x');
    expect(created[0]?.options).toMatchObject({ width: 1100, height: 750 });
    created[0]?.emit('ready-to-show');
    expect(created[0]?.calls.slice(1)).toEqual(['show']);
  });

  it('is created only through createSecureWindow: no other file in src-main constructs one', () => {
    // A window or view built anywhere else would escape the preferences tested above.
    const offenders = sourceFiles(join(root, 'src-main'))
      .filter((file) =>
        /\bnew\s+(?:electron\.)?(?:BrowserWindow|BrowserView|WebContentsView)\b/.test(
          readFileSync(file, 'utf8'),
        ),
      )
      .map((file) => relative(root, file).replaceAll('\\', '/'));
    expect(offenders).toEqual(['src-main/window/secure-window.ts']);
  });
});
