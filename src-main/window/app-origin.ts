/**
 * Where the renderer lives: NoteVault's own `app://` scheme, one fixed host. The window
 * loads RENDERER_URL, the protocol handler serves only this host, the IPC sender check
 * trusts only this page and the response CSP names this origin; all read it from here.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'notevault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

/**
 * How Chromium treats the scheme (protocol.registerSchemesAsPrivileged). `standard` gives it
 * an origin and relative URLs like https (the page's `./assets/…` module scripts resolve);
 * `secure` makes it a secure context; `supportFetchAPI` lets module scripts and dynamic
 * import() load over it. Deliberately not `bypassCSP` (the page's CSP applies in full),
 * `corsEnabled` (left off, a request to the scheme from any other origin fails),
 * `allowServiceWorkers` or `codeCache`.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;
