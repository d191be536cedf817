import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A packaging rehearsal: the real electron-builder with the real electron-builder.yml packs a
// Linux app folder (`--linux dir`), with two stand-ins because the Electron binary cannot be
// downloaded here: `electronDist` points at a folder whose `electron` file carries only
// Electron's fuse wire (so electron-builder's own fuse flipping runs on it), and
// .native/ holds a placeholder instead of better-sqlite3 built for Electron. It shows which
// files the config ships, where, and that the fuses it sets are flipped. Real installers are
// built by .github/workflows/release.yml on runners that can download Electron.
const root = join(__dirname, '..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const STOCK_WIRE = '101100011'; // Electron 45 before flipping (see verify-fuses.test.ts)
const NATIVE_PLACEHOLDER = 'stand-in for better-sqlite3 built for Electron\n';

/** The file tree inside an asar: UInt32 pickle sizes, then the header as JSON (asar's format). */
function asarPaths(file: string): string[] {
  const bytes = readFileSync(file);
  const jsonLength = bytes.readUInt32LE(12);
  type Node = { files?: Record<string, Node> };
  const header = JSON.parse(bytes.toString('utf8', 16, 16 + jsonLength)) as Node;
  const walk = (node: Node, prefix: string): string[] =>
    Object.entries(node.files ?? {}).flatMap(([name, child]) => [
      `${prefix}${name}`,
      ...walk(child, `${prefix}${name}/`),
    ]);
  return walk(header, '');
}

function writeFile(path: string, content: string | Buffer) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function standInProject(work: string): { project: string; electronDist: string } {
  const electronDist = join(work, 'electron-dist');
  const filler = Buffer.alloc(64 * 1024, 0x90);
  const wire = Buffer.from([1, STOCK_WIRE.length, ...Buffer.from(STOCK_WIRE)]);
  writeFile(join(electronDist, 'electron'), Buffer.concat([filler, Buffer.from(SENTINEL), wire, filler]));
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFile(join(electronDist, 'LICENSE'), 'stand-in\n');

  const project = join(work, 'project');
  for (const name of ['package.json', 'electron-builder.yml', 'assets', 'build']) {
    cpSync(join(root, name), join(project, name), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'), 'dir');
  // electron-vite's output names; the content does not matter to packaging.
  for (const file of [
    'out/main/index.js',
    'out/main/cli.js',
    'out/main/derive-key-worker.js',
    'out/preload/index.js',
    'out/renderer/index.html',
  ]) {
    writeFile(join(project, file), `// ${file}\n`);
  }
  writeFile(join(project, 'out/main/index.js.map'), '{}');
  writeFile(join(project, `.native/electron-linux-${process.arch}/better_sqlite3.node`), NATIVE_PLACEHOLDER);
  return { project, electronDist };
}

describe.skipIf(process.platform !== 'linux')('packaging rehearsal with a stand-in Electron (Linux)', () => {
  let work: string;
  let resources: string;
  let executable: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'notevault-package-'));
    const { project, electronDist } = standInProject(work);
    const cli = join(root, 'node_modules', 'electron-builder', 'cli.js');
    const args = ['--linux', 'dir', '--config', 'electron-builder.yml', '--publish', 'never'];
    const result = spawnSync(process.execPath, [cli, ...args, `-c.electronDist=${electronDist}`], {
      cwd: project,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`electron-builder failed:\n${result.stdout}\n${result.stderr}`);
    const appDir = join(project, 'dist', 'linux-unpacked');
    resources = join(appDir, 'resources');
    executable = join(appDir, 'notevault');
  }, 300_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('puts the main process, its workers, the CLI, the preload and the renderer in app.asar, without source maps', () => {
    const paths = asarPaths(join(resources, 'app.asar'));
    for (const file of [
      'package.json',
      'out/main/index.js',
      'out/main/cli.js',
      'out/main/derive-key-worker.js',
      'out/preload/index.js',
      'out/renderer/index.html',
    ]) {
      expect(paths).toContain(file);
    }
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  it('ships the runtime dependencies but not the Node-ABI build of better-sqlite3', () => {
    const paths = asarPaths(join(resources, 'app.asar'));
    for (const dependency of [
      'better-sqlite3/lib/index.js',
      'libsodium-wrappers-sumo/package.json',
      'zod/package.json',
    ]) {
      expect(paths).toContain(`node_modules/${dependency}`);
    }
    expect(paths.filter((p) => p.endsWith('.node'))).toEqual([]);
    expect(paths.filter((p) => /^node_modules\/better-sqlite3\/(build|deps|src)\b/.test(p))).toEqual([]);
    // Nothing native in the asar, so nothing is unpacked beside it.
    expect(existsSync(join(resources, 'app.asar.unpacked'))).toBe(false);
  });

  it('ships better-sqlite3 for Electron where native-binding.ts looks for it', () => {
    expect(readFileSync(join(resources, 'native', 'better_sqlite3.node'), 'utf8')).toBe(NATIVE_PLACEHOLDER);
  });

  it('ships every tray icon in resources/tray', () => {
    const committed = readdirSync(join(root, 'assets', 'tray')).sort();
    expect(readdirSync(join(resources, 'tray')).sort()).toEqual(committed);
  });

  it('flips the fuses electron-builder.yml asks for (read back by scripts/verify-fuses.mjs)', () => {
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'verify-fuses.mjs'), executable], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('ok   runAsNode: expected off, found off');
    expect(result.status).toBe(0);
  });
});
