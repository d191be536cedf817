import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapAppUrl } from './app-url-to-file';

const ROOT = join('/opt', 'NoteVault', 'resources', 'app.asar', 'out', 'renderer');

describe('mapAppUrl', () => {
  it('maps our page and its assets to files in the renderer folder, with their types', () => {
    expect(mapAppUrl('app://notevault/index.html', ROOT)).toEqual({
      kind: 'file',
      path: join(ROOT, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(mapAppUrl('app://notevault/assets/index-DO5nWZK-.js', ROOT)).toEqual({
      kind: 'file',
      path: join(ROOT, 'assets', 'index-DO5nWZK-.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(mapAppUrl('app://notevault/assets/index.CSS', ROOT)).toMatchObject({
      contentType: 'text/css; charset=utf-8',
    });
    expect(mapAppUrl('app://notevault/assets/a%20b.svg', ROOT)).toMatchObject({
      path: join(ROOT, 'assets', 'a b.svg'),
    });
  });

  it('serves index.html for the bare origin, and ignores a query or hash', () => {
    for (const url of ['app://notevault', 'app://notevault/', 'app://notevault/index.html?x=1#/trash']) {
      expect(mapAppUrl(url, ROOT), url).toMatchObject({ kind: 'file', path: join(ROOT, 'index.html') });
    }
  });

  it('resolves dot segments the URL way, never above the folder', () => {
    // As Chromium would already have: /a/../index.html is /index.html, and /../ stays at the root.
    expect(mapAppUrl('app://notevault/assets/../index.html', ROOT)).toMatchObject({
      path: join(ROOT, 'index.html'),
    });
    expect(mapAppUrl('app://notevault/../../../etc/passwd.js', ROOT)).toMatchObject({
      path: join(ROOT, 'etc', 'passwd.js'),
    });
  });

  it.each([
    ['an encoded slash with dot-dots', 'app://notevault/assets%2f..%2f..%2f..%2fsecret.js'],
    ['an encoded dot-dot after an encoded slash', 'app://notevault/x%2F%2E%2E%2Fsecret.js'],
    ['an encoded backslash', 'app://notevault/..%5c..%5csecret.js'],
    ['a raw backslash', 'app://notevault/..\\..\\secret.js'],
    ['an absolute path after the host', 'app://notevault//etc/passwd.js'],
    ['an encoded absolute path', 'app://notevault/%2Fetc%2Fpasswd.js'],
    ['a drive letter', 'app://notevault/C:/Windows/win.ini'],
    ['an encoded drive letter', 'app://notevault/C%3A%5CWindows%5Cwin.ini'],
    ['a UNC path', 'app://notevault/%5C%5Chost%5Cshare%5Cx.js'],
    ['a NUL byte', 'app://notevault/index.html%00.js'],
    ['a folder (trailing slash)', 'app://notevault/assets/'],
    ['another host', 'app://evil/index.html'],
    ['no host', 'app:///index.html'],
    ['a port', 'app://notevault:8080/index.html'],
    ['credentials', 'app://user:pass@notevault/index.html'],
    ['another scheme', 'file:///opt/NoteVault/resources/app.asar/out/renderer/index.html'],
    ['an https URL', 'https://notevault/index.html'],
  ])('refuses %s with 403', (_label, url) => {
    expect(mapAppUrl(url, ROOT)).toMatchObject({ kind: 'refused', status: 403 });
  });

  it.each([
    ['malformed percent-encoding', 'app://notevault/%E0%A4%A.js'],
    ['an unknown type', 'app://notevault/secret.db'],
    ['a name without extension', 'app://notevault/assets/LICENSE'],
    ['not a URL at all', 'not a url'],
  ])('refuses %s with 404', (_label, url) => {
    expect(mapAppUrl(url, ROOT)).toMatchObject({ kind: 'refused', status: 404 });
  });
});
