import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP_HEADER } from './renderer-csp';
import { createAppProtocolHandler } from './serve-app-protocol';
import type { AppProtocolRequest } from './serve-app-protocol';

/** A real renderer folder on disk, with a secret beside it and links in and out. */
let work: string;
let root: string;
let serve: (request: AppProtocolRequest) => Promise<Response>;

function request(url: string, init: RequestInit & { initiatorOrigin?: string } = {}): AppProtocolRequest {
  const { initiatorOrigin, ...rest } = init;
  const made = new Request(url, rest) as AppProtocolRequest;
  if (initiatorOrigin !== undefined)
    Object.defineProperty(made, 'initiatorOrigin', { value: initiatorOrigin });
  return made;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'notevault-app-protocol-'));
  root = join(work, 'out', 'renderer');
  mkdirSync(join(root, 'assets', 'folder.js'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>NoteVault</title>');
  writeFileSync(join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(work, 'out', 'secret.js'), 'the notes key');
  writeFileSync(join(work, 'secret.html'), 'outside');
  symlinkSync(join(work, 'out', 'secret.js'), join(root, 'assets', 'leak.js'));
  symlinkSync(join(work), join(root, 'up'));
  symlinkSync(join(root, 'assets', 'index.js'), join(root, 'alias.js'));
  symlinkSync(join(root, 'missing.js'), join(root, 'broken.js'));
  serve = createAppProtocolHandler(root);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the app:// handler', () => {
  it('serves our page with its type, the CSP naming app://notevault and nosniff', async () => {
    const response = await serve(request('app://notevault/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html><title>NoteVault</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets to our own page, and a link that stays inside the folder', async () => {
    for (const url of ['app://notevault/assets/index.js', 'app://notevault/alias.js']) {
      const response = await serve(request(url, { initiatorOrigin: 'app://notevault' }));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(await response.text()).toBe('console.log(1)');
    }
  });

  it('answers HEAD with the headers and no body', async () => {
    const response = await serve(request('app://notevault/index.html', { method: 'HEAD' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a link to a file outside the folder', 'app://notevault/assets/leak.js'],
    ['a linked folder leading out of it', 'app://notevault/up/secret.html'],
    ['an encoded traversal', 'app://notevault/assets%2f..%2f..%2fsecret.js'],
    ['another host', 'app://evil/index.html'],
  ])('refuses %s with 403 and no body', async (_label, url) => {
    const response = await serve(request(url));
    expect(response.status).toBe(403);
    expect(await response.text()).toBe('');
  });

  it.each([
    ['a missing file', 'app://notevault/nowhere.js'],
    ['a broken link', 'app://notevault/broken.js'],
    ['a folder with a file name', 'app://notevault/assets/folder.js'],
    ['an unknown type', 'app://notevault/assets/secret.db'],
  ])('answers %s with 404', async (_label, url) => {
    const response = await serve(request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await serve(request('app://notevault/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(403);
  });

  it('refuses requests that other origins start', async () => {
    for (const origin of ['https://evil.example', 'null', 'file://', 'app://evil']) {
      const response = await serve(request('app://notevault/assets/index.js', { initiatorOrigin: origin }));
      expect(response.status, origin).toBe(403);
    }
  });
});

describe('the app:// handler after its folder could not be read', () => {
  it('tries the folder again on the next request instead of answering 404 until restart', async () => {
    const later = join(work, 'later', 'renderer');
    const serveLater = createAppProtocolHandler(later);
    expect((await serveLater(request('app://notevault/index.html'))).status).toBe(404);
    mkdirSync(later, { recursive: true });
    writeFileSync(join(later, 'index.html'), 'back');
    const response = await serveLater(request('app://notevault/index.html'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('back');
  });
});
