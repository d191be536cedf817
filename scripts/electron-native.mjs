#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/, leaving node_modules' copy
// (built for Node by `npm install`, used by Vitest and the CLI) untouched. Rebuilding in
// place would flip node_modules to Electron's ABI and break every Node test until
// `npm rebuild`. The app loads the Electron copy through better-sqlite3's `nativeBinding`.
//
//   node scripts/electron-native.mjs build    rebuild now
//   node scripts/electron-native.mjs ensure   download Electron if needed, build if missing
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  copyFileSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { electronPackageDir, electronVersion, findElectronBinary } from './electron-binary.mjs';

const require = createRequire(import.meta.url);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// One folder per platform and arch (electron-builder's extraResources names it with its
// own ${platform}/${arch} macros); version.txt records which Electron it was built for.
export function electronNativeDir(platform = process.platform, arch = process.arch) {
  return join(root, '.native', `electron-${platform}-${arch}`);
}

function builtForVersion() {
  const file = join(electronNativeDir(), 'version.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null;
}

function run(command, args, cwd) {
  console.log(`> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  return result.status === 0;
}

/**
 * Always compiled, never a prebuilt: prebuild-install would fetch better_sqlite3.node from
 * GitHub with no checksum at all. node-gyp fetches Electron's headers and refuses a tarball
 * whose SHA-256 differs from the release's SHASUMS256.txt (native-downloads.test.ts).
 */
export function electronBuildArgs(version, arch = process.arch) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${version}`,
    `--arch=${arch}`,
    '--dist-url=https://electronjs.org/headers',
  ];
}

function buildForElectron() {
  const version = electronVersion();
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const work = mkdtempSync(join(tmpdir(), 'notevault-native-'));
  try {
    const copy = join(work, 'better-sqlite3');
    cpSync(source, copy, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
    const ok = run(join(root, 'node_modules', '.bin', 'node-gyp'), electronBuildArgs(version), copy);
    if (!ok)
      throw new Error('could not build better-sqlite3 for Electron (see the output above and the README).');
    const outDir = electronNativeDir();
    mkdirSync(outDir, { recursive: true });
    copyFileSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), join(outDir, 'better_sqlite3.node'));
    writeFileSync(join(outDir, 'version.txt'), `${version}\n`);
    console.log(`better-sqlite3 for Electron ${version} -> ${outDir}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function ensure() {
  if (findElectronBinary().path === null) {
    const ok = run(process.execPath, [join(electronPackageDir(), 'install.js')], root);
    if (!ok) {
      console.error('The Electron binary could not be downloaded. See "Troubleshooting" in README.md.');
      process.exit(1);
    }
  }
  if (builtForVersion() !== electronVersion()) buildForElectron();
}

const command = process.argv[2];
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    if (command === 'build') buildForElectron();
    else if (command === 'ensure') ensure();
    else {
      console.error('usage: electron-native.mjs build|ensure');
      process.exit(2);
    }
  } catch (error) {
    console.error(`electron-native: ${error.message}`);
    process.exit(1);
  }
}
