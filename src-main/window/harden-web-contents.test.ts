import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { App, HandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { hardenWebContents, installWebContentsHardening } from './harden-web-contents';

/** A WebContents as far as hardening touches it: events, and the window-open handler. */
class FakeWebContents extends EventEmitter {
  devToolsClosed = 0;
  closeDevTools() {
    this.devToolsClosed += 1;
  }
  openHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | undefined;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse) {
    this.openHandler = handler;
  }
}

/** Emits an event the way Electron does, and reports whether a listener prevented it. */
function emitPreventable(contents: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  contents.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

function openDetails(url: string, disposition: HandlerDetails['disposition']): HandlerDetails {
  return { url, frameName: '', features: '', disposition, referrer: { url: '', policy: 'default' } };
}

const packaged = { isPackaged: true };

describe('hardenWebContents', () => {
  it('prevents every navigation away from the page', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, packaged);
    expect(emitPreventable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
  });

  it('denies every new window: window.open, target=_blank and middle-click alike', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, packaged);
    for (const details of [
      openDetails('https://evil.example/', 'new-window'),
      openDetails('https://example.org/', 'foreground-tab'),
      openDetails('https://example.org/', 'background-tab'),
      openDetails('file:///app/out/renderer/index.html', 'new-window'),
    ]) {
      expect(contents.openHandler?.(details)).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a <webview>', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, packaged);
    expect(emitPreventable(contents, 'will-attach-webview', {}, { src: 'https://evil.example/' })).toBe(true);
  });

  it('leaves other events alone', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, packaged);
    expect(emitPreventable(contents, 'did-finish-load')).toBe(false);
  });
});

describe('DevTools in a WebContents', () => {
  it('are closed as soon as they open in a packaged build', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, packaged);
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(1);
  });

  it('stay open in development', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, { isPackaged: false });
    contents.emit('devtools-opened');
    expect(contents.devToolsClosed).toBe(0);
  });
});

describe('installWebContentsHardening', () => {
  it('hardens each WebContents as it is created, before it loads anything', () => {
    const app = Object.assign(new EventEmitter(), { isPackaged: true });
    installWebContentsHardening(app as unknown as App);
    const first = new FakeWebContents();
    const second = new FakeWebContents();
    app.emit('web-contents-created', {}, first);
    app.emit('web-contents-created', {}, second);
    for (const contents of [first, second]) {
      expect(emitPreventable(contents, 'will-navigate', 'https://evil.example/')).toBe(true);
      expect(contents.openHandler?.(openDetails('https://evil.example/', 'new-window'))).toEqual({
        action: 'deny',
      });
      contents.emit('devtools-opened');
      expect(contents.devToolsClosed).toBe(1);
    }
  });
});
