import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { electronBuildArgs } from './electron-native.mjs';

// Issue #13: no native binary reaches the build unchecked. better-sqlite3 is compiled, never
// downloaded prebuilt (prebuild-install checks nothing), and the headers node-gyp downloads to
// compile it are refused unless their SHA-256 is the one in the release's SHASUMS256.txt.
const run = promisify(execFile);
const root = join(__dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

/** The environment without npm's settings (an npmrc `nodedir` would skip the download). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
}

let work: string;
beforeEach(() => {
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  // Inside the project, so prebuild-install finds the project's .prebuild-installrc as it
  // does from node_modules/better-sqlite3.
  work = mkdtempSync(join(root, 'node_modules', '.cache', 'nv-native-downloads-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('better-sqlite3 prebuilt binaries', () => {
  it("are never downloaded: prebuild-install stops before it fetches, so npm's install compiles", async () => {
    copyFileSync(join(root, 'node_modules', 'better-sqlite3', 'package.json'), join(work, 'package.json'));
    const outcome = await run(bin('prebuild-install'), ['--verbose'], { cwd: work, env: cleanEnv() }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    // Exit 1 is what makes better-sqlite3's `prebuild-install || node-gyp rebuild` compile.
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('not attempting download');
  });

  it('are compiled for Electron too, against headers from the https release site', () => {
    const args = electronBuildArgs('45.5.0', 'x64');
    expect(args.slice(0, 2)).toEqual(['rebuild', '--release']);
    expect(args).toContain('--dist-url=https://electronjs.org/headers');
  });
});

describe("node-gyp's header download", () => {
  const VERSION = '45.5.0';

  /** Serves a headers tarball and a SHASUMS256.txt naming `listedHash` for it; runs node-gyp install. */
  async function installHeaders(listedHash: (realHash: string) => string) {
    const staging = join(work, 'staging');
    mkdirSync(join(staging, `node-v${VERSION}`, 'include', 'node'), { recursive: true });
    writeFileSync(join(staging, `node-v${VERSION}`, 'include', 'node', 'node.h'), '/* a header */\n');
    const tarballName = `node-v${VERSION}-headers.tar.gz`;
    const tarball = join(work, tarballName);
    await run('tar', ['-czf', tarball, '-C', staging, `node-v${VERSION}`]);
    const bytes = readFileSync(tarball);
    const realHash = createHash('sha256').update(bytes).digest('hex');
    const files: Record<string, string | Buffer> = {
      [`/v${VERSION}/${tarballName}`]: bytes,
      [`/v${VERSION}/SHASUMS256.txt`]: `${listedHash(realHash)}  ${tarballName}\n`,
    };
    const server = createServer((request, response) => {
      const body = files[request.url ?? ''];
      response.writeHead(body === undefined ? 404 : 200).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const devdir = join(work, 'devdir');
    try {
      const args = [
        'install',
        `--target=${VERSION}`,
        `--dist-url=http://127.0.0.1:${port}`,
        `--devdir=${devdir}`,
      ];
      return await run(bin('node-gyp'), args, { env: cleanEnv() }).then(
        () => ({ code: 0, stderr: '', devdir }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr, devdir }),
      );
    } finally {
      server.close();
    }
  }

  it('installs headers whose SHA-256 matches SHASUMS256.txt', async () => {
    const outcome = await installHeaders((real) => real);
    expect(outcome.stderr).not.toContain('not match');
    expect(outcome.code).toBe(0);
    expect(readFileSync(join(outcome.devdir, VERSION, 'include', 'node', 'node.h'), 'utf8')).toContain(
      'header',
    );
  });

  it('refuses a tampered tarball, one whose SHA-256 is not the listed one', async () => {
    const outcome = await installHeaders((real) => real.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(outcome.code).not.toBe(0);
    expect(outcome.stderr).toMatch(/checksum .* not match remote/);
  });
});

describe("Electron's binary download", () => {
  it('refuses a zip whose SHA-256 is not the one in the electron package (checksums.json)', async () => {
    // A copy of the package, so a failure of this test can never install into node_modules.
    const electron = join(work, 'electron');
    cpSync(join(root, 'node_modules', 'electron'), electron, {
      recursive: true,
      filter: (path) => !/[/\\](dist|path\.txt)$/.test(path),
    });
    const server = createServer((_request, response) => response.writeHead(200).end('not Electron'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const env: NodeJS.ProcessEnv = {
      ...cleanEnv(),
      ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
      electron_config_cache: join(work, 'cache'),
      force_no_cache: 'true',
    };
    delete env['electron_use_remote_checksums'];
    try {
      const outcome = await run(process.execPath, [join(electron, 'install.js')], {
        cwd: electron,
        env,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(outcome.code).not.toBe(0);
      expect(outcome.stderr).toContain('did not match expected checksum');
      expect(existsSync(join(electron, 'path.txt'))).toBe(false);
    } finally {
      server.close();
    }
  });
});
