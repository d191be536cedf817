import { protocol } from 'electron';
import type { Session } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-origin';
import { createAppProtocolHandler } from './serve-app-protocol';

/** Declares app:// to Chromium. Electron allows this only once, before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Serves the built renderer folder (out/renderer) as app://notevault in `session`. */
export function serveRenderer(session: Session, rendererFolder: string): void {
  session.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererFolder));
}
