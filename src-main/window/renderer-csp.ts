import { APP_ORIGIN } from './app-origin';

/**
 * The Content-Security-Policy header the app:// handler sends with every response. It allows
 * what the meta tag in src-renderer/index.html allows, with `'self'` written out as
 * app://notevault so no other scheme or host can ever count as ours, and adds what only a
 * header can say (frame-ancestors). The meta tag stays for the browser tests, which serve
 * the renderer over http; a page under both obeys both. renderer-csp.test.ts keeps the two
 * in step. connect-src is 'none': the renderer talks to the main process only through IPC.
 */
export const RENDERER_CSP_HEADER = [
  "default-src 'none'",
  `script-src ${APP_ORIGIN}`,
  `style-src ${APP_ORIGIN}`,
  // blob: for attachment images: the window makes an object URL from bytes main handed it
  // (attachments:read); only the page's own scripts can mint one, and an <img> runs no script.
  `img-src ${APP_ORIGIN} data: blob:`,
  `font-src ${APP_ORIGIN}`,
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
