import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SenderInfo } from './sender-info';
import { createTrustedSenderCheck } from './trusted-sender';

const rendererFileUrl = pathToFileURL('/opt/NoteVault/resources/app.asar/out/renderer/index.html').href;
const ours: SenderInfo = { webContentsId: 7, frameUrl: rendererFileUrl, isMainFrame: true };

describe('createTrustedSenderCheck', () => {
  const isTrusted = createTrustedSenderCheck({ mainWebContentsId: () => 7, rendererFileUrl });

  it('trusts the main frame of the main window showing our renderer file', () => {
    expect(isTrusted(ours)).toBe(true);
    // In-page navigation (a hash or query) is still our page.
    expect(isTrusted({ ...ours, frameUrl: `${rendererFileUrl}#/trash` })).toBe(true);
  });

  it.each<[string, Partial<SenderInfo>]>([
    ['another window', { webContentsId: 8 }],
    ['an iframe inside our window', { isMainFrame: false }],
    ['a frame that is already gone', { frameUrl: undefined }],
    ['another local file', { frameUrl: pathToFileURL('/tmp/evil.html').href }],
    [
      'a file with our name in another folder',
      { frameUrl: pathToFileURL('/tmp/out/renderer/index.html').href },
    ],
    ['a web page', { frameUrl: 'https://evil.example/index.html' }],
    ['a dev server when none is configured', { frameUrl: 'http://localhost:5173/' }],
    ['an unparseable URL', { frameUrl: 'not a url' }],
    [
      'a UNC file URL naming another host',
      { frameUrl: rendererFileUrl.replace('file://', 'file://evil-host') },
    ],
  ])('refuses %s', (_label, change) => {
    expect(isTrusted({ ...ours, ...change })).toBe(false);
  });

  it('refuses everyone while there is no main window', () => {
    const noWindow = createTrustedSenderCheck({ mainWebContentsId: () => undefined, rendererFileUrl });
    expect(noWindow(ours)).toBe(false);
  });

  it('trusts the dev server origin only when it is configured', () => {
    const dev = createTrustedSenderCheck({
      mainWebContentsId: () => 7,
      rendererFileUrl,
      devServerUrl: 'http://localhost:5173',
    });
    expect(dev({ ...ours, frameUrl: 'http://localhost:5173/index.html' })).toBe(true);
    expect(dev({ ...ours, frameUrl: 'http://localhost:5174/index.html' })).toBe(false);
    expect(dev({ ...ours, frameUrl: 'https://localhost:5173/index.html' })).toBe(false);
  });

  it('compares Windows paths without regard to case, and only when told to', () => {
    const windowsFile = 'file:///C:/Program%20Files/NoteVault/resources/app.asar/out/renderer/index.html';
    const sent = {
      ...ours,
      frameUrl: 'file:///c:/program%20files/NoteVault/resources/app.asar/out/renderer/index.html',
    };
    const onWindows = createTrustedSenderCheck({
      mainWebContentsId: () => 7,
      rendererFileUrl: windowsFile,
      caseInsensitivePaths: true,
    });
    const elsewhere = createTrustedSenderCheck({ mainWebContentsId: () => 7, rendererFileUrl: windowsFile });
    expect(onWindows(sent)).toBe(true);
    expect(elsewhere(sent)).toBe(false);
  });

  it('rejects a renderer location that is not a file URL when created', () => {
    expect(() =>
      createTrustedSenderCheck({ mainWebContentsId: () => 7, rendererFileUrl: '/plain/path.html' }),
    ).toThrow(/file:\/\/ URL/);
  });
});
