import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RENDERER_URL } from '../window/app-origin';
import type { SenderInfo } from './sender-info';
import { createTrustedSenderCheck } from './trusted-sender';

const ours: SenderInfo = { webContentsId: 7, frameUrl: RENDERER_URL, isMainFrame: true };
// Where the built page sits inside a packaged app: loaded from there it was ours before
// app://, and must not be now (any file:// page would count as 'self' for the CSP).
const builtFile = pathToFileURL('/opt/NoteVault/resources/app.asar/out/renderer/index.html').href;

describe('createTrustedSenderCheck', () => {
  const isTrusted = createTrustedSenderCheck({ mainWebContentsId: () => 7, rendererUrl: RENDERER_URL });

  it('trusts the main frame of the main window showing app://notevault/index.html', () => {
    expect(RENDERER_URL).toBe('app://notevault/index.html');
    expect(isTrusted(ours)).toBe(true);
    // In-page navigation (a hash or query) is still our page.
    expect(isTrusted({ ...ours, frameUrl: `${RENDERER_URL}#/trash` })).toBe(true);
    expect(isTrusted({ ...ours, frameUrl: `${RENDERER_URL}?x=1` })).toBe(true);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['another window', { webContentsId: 8 }],
    ['an iframe inside our window', { isMainFrame: false }],
    ['a frame that is already gone', { frameUrl: undefined }],
    ['the built renderer file itself over file://', { frameUrl: builtFile }],
    ['another local file', { frameUrl: pathToFileURL('/tmp/evil.html').href }],
    ['a UNC file URL', { frameUrl: 'file://evil-host/share/index.html' }],
    ['another page of our origin', { frameUrl: 'app://notevault/assets/evil.html' }],
    ['our page under another host of the scheme', { frameUrl: 'app://evil/index.html' }],
    ['our page with a port', { frameUrl: 'app://notevault:8080/index.html' }],
    ['our path under another scheme', { frameUrl: 'https://notevault/index.html' }],
    ['a host-less URL of the scheme', { frameUrl: 'app:///index.html' }],
    ['a web page', { frameUrl: 'https://evil.example/index.html' }],
    ['a dev server when none is configured', { frameUrl: 'http://localhost:5173/' }],
    ['an unparseable URL', { frameUrl: 'not a url' }],
  ])('refuses %s', (_label, change) => {
    expect(isTrusted({ ...ours, ...change })).toBe(false);
  });

  it('refuses everyone while there is no main window', () => {
    const noWindow = createTrustedSenderCheck({
      mainWebContentsId: () => undefined,
      rendererUrl: RENDERER_URL,
    });
    expect(noWindow(ours)).toBe(false);
  });

  it('trusts the dev server origin only when it is configured, and file:// even then not', () => {
    const dev = createTrustedSenderCheck({
      mainWebContentsId: () => 7,
      rendererUrl: RENDERER_URL,
      devServerUrl: 'http://localhost:5173',
    });
    expect(dev({ ...ours, frameUrl: 'http://localhost:5173/index.html' })).toBe(true);
    expect(dev(ours)).toBe(true);
    expect(dev({ ...ours, frameUrl: 'http://localhost:5174/index.html' })).toBe(false);
    expect(dev({ ...ours, frameUrl: 'https://localhost:5173/index.html' })).toBe(false);
    expect(dev({ ...ours, frameUrl: builtFile })).toBe(false);
  });

  it('rejects a renderer location that is a file URL or has no host when created', () => {
    for (const rendererUrl of [builtFile, '/plain/path.html', 'app:///index.html']) {
      expect(() => createTrustedSenderCheck({ mainWebContentsId: () => 7, rendererUrl })).toThrow(
        /URL with a host/,
      );
    }
  });
});
