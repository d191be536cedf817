// Where the Electron binary is, without ever calling require('electron'):
// electron 45's index.js starts a download on every require when the binary is missing,
// which hangs or throws on machines with no access to Electron's download host.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export function electronPackageDir() {
  return dirname(require.resolve('electron/package.json'));
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(electronPackageDir(), 'package.json'), 'utf8')).version;
}

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  const dir = electronPackageDir();
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      path: null,
      reason: `the Electron ${electronVersion()} binary is not downloaded (no ${pathFile}); run "npx install-electron" where the network allows it`,
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
  const binary = join(base, relative);
  return existsSync(binary) ? { path: binary } : { path: null, reason: `${binary} is missing` };
}
