import { promises as fs } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { APP_ORIGIN } from './app-origin';
import { mapAppUrl } from './app-url-to-file';
import { RENDERER_CSP_HEADER } from './renderer-csp';

/** A protocol.handle request: a fetch Request, plus the origin Electron says started it. */
export type AppProtocolRequest = Request & { initiatorOrigin?: string };

function refuse(status: 403 | 404): Response {
  return new Response(null, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function isInside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside);
}

/**
 * The app:// handler: serves files of the built renderer folder (`root`, out/renderer) and
 * nothing else. The URL is mapped without the disk (app-url-to-file.ts); here the file's
 * real path, links resolved, must still be inside the folder's real path, so a link in the
 * folder cannot lead out of it. Only GET and HEAD, only from our own page or the browser
 * itself (Electron sets `initiatorOrigin` for requests from web content; a page elsewhere
 * cannot fake it). Reads go through Electron's fs, which reads inside app.asar.
 */
export function createAppProtocolHandler(root: string): (request: AppProtocolRequest) => Promise<Response> {
  let realRoot: Promise<string> | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(403);
    if (request.initiatorOrigin !== undefined && request.initiatorOrigin !== APP_ORIGIN) return refuse(403);
    const mapped = mapAppUrl(request.url, root);
    if (mapped.kind === 'refused') return refuse(mapped.status);
    // A failure is not kept: one bad moment (the folder briefly unreadable) must not 404 every
    // request until the app restarts. Awaited on its own, so the reset has happened before
    // this request answers.
    let rootPath: string;
    try {
      rootPath = await (realRoot ??= fs.realpath(root));
    } catch {
      realRoot = undefined;
      return refuse(404);
    }
    let body: Buffer;
    try {
      const filePath = await fs.realpath(mapped.path);
      if (!isInside(rootPath, filePath)) return refuse(403);
      if (!(await fs.stat(filePath)).isFile()) return refuse(404);
      body = await fs.readFile(filePath);
    } catch {
      // Missing, unreadable or a broken link: to the page, all the same.
      return refuse(404);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': mapped.contentType,
        'Content-Security-Policy': RENDERER_CSP_HEADER,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
