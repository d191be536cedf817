import { describe, expect, it } from 'vitest';
import type { Session } from 'electron';
import { hardenSession } from './harden-session';

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type CheckHandler = (contents: unknown, permission: string) => boolean;

function fakeSession() {
  const handlers: {
    request?: RequestHandler;
    check?: CheckHandler;
    protocols: Map<string, (request: Request) => Response | Promise<Response>>;
  } = { protocols: new Map() };
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) =>
        handlers.protocols.set(scheme, handler),
    },
  };
  return { session: session as unknown as Session, handlers };
}

// A sample of Electron's permission names, including those a pasted page would most want.
const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'clipboard-read',
  'clipboard-sanitized-write',
  'openExternal',
  'fullscreen',
  'pointerLock',
  'midi',
  'hid',
  'serial',
  'usb',
  'fileSystem',
  'display-capture',
  'unknown',
];

describe('hardenSession', () => {
  it('denies every permission request', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      handlers.request?.({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check with no', () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    expect(handlers.check).toBeDefined();
    for (const permission of PERMISSIONS) expect(handlers.check?.({}, permission), permission).toBe(false);
  });

  it('refuses every file:// request in the session', async () => {
    const { session, handlers } = fakeSession();
    hardenSession(session);
    const file = handlers.protocols.get('file');
    expect(file).toBeDefined();
    for (const url of ['file:///etc/passwd', 'file:///C:/Windows/win.ini', 'file://host/share/x.js']) {
      const response = await file?.(new Request(url));
      expect(response?.status, url).toBe(403);
      expect(await response?.text(), url).toBe('');
    }
  });
});
