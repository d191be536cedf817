import { extname, join, relative, isAbsolute } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** What the app:// handler should do with a URL: serve one file, or refuse with a status. */
export type AppUrlMapping =
  | { kind: 'file'; path: string; contentType: string }
  | { kind: 'refused'; status: 403 | 404; reason: string };

/**
 * The types the built renderer is made of. Anything else is refused rather than served as
 * a guess: the folder holds only what Vite wrote, and an unknown extension there is a bug.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const refused = (status: 403 | 404, reason: string): AppUrlMapping => ({ kind: 'refused', status, reason });

/**
 * Maps an app://notevault URL to a file inside `root` (the built renderer folder), without
 * touching the disk. Chromium already resolves `.` and `..` in a standard scheme's URLs, but
 * the handler must not rely on it: every path segment is decoded here and must be a plain
 * name, so `..` (plain or percent-encoded), an encoded `/` or `\`, a drive letter, a NUL, an
 * empty segment (`//etc`) and a URL for any other host are all refused. Links inside the
 * folder are checked by the handler, which alone reads the disk (serve-app-protocol.ts).
 */
export function mapAppUrl(rawUrl: string, root: string): AppUrlMapping {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return refused(404, 'not a URL');
  }
  if (url.protocol !== `${APP_SCHEME}:`) return refused(403, `scheme ${url.protocol}`);
  if (url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '')
    return refused(403, `host ${url.host}`);

  const segments =
    url.pathname === '/' || url.pathname === '' ? ['index.html'] : url.pathname.slice(1).split('/');
  const names: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return refused(404, 'malformed percent-encoding');
    }
    if (name === '' || name === '.' || name === '..' || /[/\\:\0]/.test(name))
      return refused(403, `path segment ${JSON.stringify(name)}`);
    names.push(name);
  }

  const path = join(root, ...names);
  // Belt and braces: whatever the segments were, the result must still be inside root.
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
    return refused(403, 'outside the folder');
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined)
    return refused(404, `no type for ${extname(path) || 'a name without extension'}`);
  return { kind: 'file', path, contentType };
}
