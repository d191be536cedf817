import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The Electron binary cannot be downloaded here, so these binaries are stand-ins: filler
// bytes around the fuse wire exactly as Electron lays it out (sentinel, version 1, length,
// one byte per fuse: '0' off, '1' on). @electron/fuses reads them as it reads Electron.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Positions on the V1 wire (Electron's fuses.json5), written out here rather than taken
// from @electron/fuses, so a wrong key-to-position mapping in the script shows up.
const WIRE_POSITION: Record<string, number> = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};
// An unpackaged Electron 45: RunAsNode, NODE_OPTIONS, --inspect, file:// privileges and
// WASM trap handlers on; the rest off.
const STOCK_WIRE = '101100011';

const script = join(__dirname, 'verify-fuses.mjs');
const configuredFuses = (
  parse(readFileSync(join(__dirname, '..', 'electron-builder.yml'), 'utf8')) as {
    electronFuses: Record<string, boolean>;
  }
).electronFuses;

function wireAsConfigured(): string {
  const wire = [...STOCK_WIRE];
  for (const [key, on] of Object.entries(configuredFuses)) wire[WIRE_POSITION[key]!] = on ? '1' : '0';
  return wire.join('');
}

function fakeElectron(path: string, wire: string | null): string {
  const filler = Buffer.alloc(64 * 1024, 0x90);
  const fuses = wire === null ? Buffer.alloc(0) : Buffer.from([1, wire.length, ...Buffer.from(wire)]);
  const body = wire === null ? Buffer.alloc(0) : Buffer.from(SENTINEL);
  writeFileSync(path, Buffer.concat([filler, body, fuses, filler]));
  return path;
}

function verify(appPath: string) {
  const result = spawnSync(process.execPath, [script, appPath], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/verify-fuses.mjs', () => {
  let work: string;
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'notevault-fuses-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('passes a binary whose fuses match electron-builder.yml', () => {
    const result = verify(fakeElectron(join(work, 'NoteVault.exe'), wireAsConfigured()));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ok   runAsNode: expected off, found off');
    expect(result.stdout).toContain('ok   onlyLoadAppFromAsar: expected on, found on');
    expect(result.stdout).toContain('ok   grantFileProtocolExtraPrivileges: expected off, found off');
  });

  it('fails an unhardened binary and names every fuse that differs', () => {
    const result = verify(fakeElectron(join(work, 'NoteVault.exe'), STOCK_WIRE));
    expect(result.code).toBe(1);
    for (const line of [
      'FAIL runAsNode: expected off, found on',
      'FAIL enableNodeOptionsEnvironmentVariable: expected off, found on',
      'FAIL enableNodeCliInspectArguments: expected off, found on',
      'FAIL enableEmbeddedAsarIntegrityValidation: expected on, found off',
      'FAIL onlyLoadAppFromAsar: expected on, found off',
      'FAIL enableCookieEncryption: expected on, found off',
      'FAIL grantFileProtocolExtraPrivileges: expected off, found on',
    ]) {
      expect(result.stdout).toContain(line);
    }
    expect(result.stderr).toContain('7 fuse(s)');
  });

  it('fails when a single fuse is wrong', () => {
    const wire = [...wireAsConfigured()];
    wire[WIRE_POSITION.enableCookieEncryption!] = '0';
    const result = verify(fakeElectron(join(work, 'notevault'), wire.join('')));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL enableCookieEncryption: expected on, found off');
    expect(result.stderr).toContain('1 fuse(s)');
  });

  it('fails a binary that still grants file:// pages their extra privileges', () => {
    const wire = [...wireAsConfigured()];
    wire[WIRE_POSITION.grantFileProtocolExtraPrivileges!] = '1';
    const result = verify(fakeElectron(join(work, 'notevault'), wire.join('')));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL grantFileProtocolExtraPrivileges: expected off, found on');
    expect(result.stderr).toContain('1 fuse(s)');
  });

  it('fails when the wire is too short to hold a configured fuse', () => {
    const result = verify(fakeElectron(join(work, 'notevault'), wireAsConfigured().slice(0, 4)));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL onlyLoadAppFromAsar: expected on, found missing');
  });

  it('reads a macOS bundle through its Electron Framework', () => {
    const framework = join(work, 'NoteVault.app', 'Contents', 'Frameworks', 'Electron Framework.framework');
    mkdirSync(framework, { recursive: true });
    fakeElectron(join(framework, 'Electron Framework'), wireAsConfigured());
    expect(verify(join(work, 'NoteVault.app')).code).toBe(0);
  });

  it('refuses a configuration that does not turn off a required fuse', () => {
    const config = readFileSync(join(__dirname, '..', 'electron-builder.yml'), 'utf8');
    const lax = join(work, 'electron-builder.yml');
    writeFileSync(lax, config.replace(/^\s*grantFileProtocolExtraPrivileges: false\n/m, '\n'));
    const app = fakeElectron(join(work, 'notevault'), STOCK_WIRE);
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { verifyFuses } from ${JSON.stringify(pathToFileURL(script).href)};
         verifyFuses(${JSON.stringify(app)}, ${JSON.stringify(lax)}).catch((error) => {
           console.error(error.message);
           process.exit(1);
         });`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('must set electronFuses grantFileProtocolExtraPrivileges: false');
  });

  it('explains a file that is not Electron, a missing path and a missing argument', () => {
    const notElectron = verify(fakeElectron(join(work, 'other.exe'), null));
    expect(notElectron.code).toBe(1);
    expect(notElectron.stderr).toContain('Could not find sentinel');
    const missing = verify(join(work, 'nowhere.exe'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
    const usage = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage:');
  });
});
