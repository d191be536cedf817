import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { findElectronBinary } from '../../scripts/electron-binary.mjs';

export const projectRoot = join(__dirname, '..', '..');
export const builtMain = join(projectRoot, 'out', 'main', 'index.js');

type ElectronBinary = ReturnType<typeof findElectronBinary> & { version: string };

/**
 * scripts/electron-binary.mjs, run in a child Node: importing it here fails, because
 * Playwright's TypeScript transform turns the .mjs into CommonJS, which Node then refuses
 * ("exports is not defined in ES module scope"). One short process per worker.
 */
function locateElectron(): ElectronBinary {
  const moduleUrl = pathToFileURL(join(projectRoot, 'scripts', 'electron-binary.mjs')).href;
  const code =
    `const m = await import(${JSON.stringify(moduleUrl)});` +
    'process.stdout.write(JSON.stringify({ ...m.findElectronBinary(), version: m.electronVersion() }));';
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  return JSON.parse(output) as ElectronBinary;
}

export type ElectronAvailability =
  { executablePath: string; skipReason?: undefined } | { executablePath?: undefined; skipReason: string };

/**
 * Whether the real app can run here, and if not why, in words for the test report. Never
 * require('electron') to find out: electron 45 starts a download on every require when the
 * binary is missing (scripts/electron-binary.mjs explains). The app also needs better-sqlite3
 * built for Electron's ABI in .native/ (src-main/native-binding.ts), which is a separate step.
 */
export function electronAvailability(): ElectronAvailability {
  const binary = locateElectron();
  if (binary.path === null) return { skipReason: `Electron tier skipped: ${binary.reason}.` };

  const nativeDir = join(projectRoot, '.native', `electron-${process.platform}-${process.arch}`);
  const addon = join(nativeDir, 'better_sqlite3.node');
  const ensure = 'run "node scripts/electron-native.mjs ensure" (npm run native:electron)';
  if (!existsSync(addon)) {
    return {
      skipReason: `Electron tier skipped: better-sqlite3 is not built for Electron (no ${addon}); ${ensure}.`,
    };
  }
  const versionFile = join(nativeDir, 'version.txt');
  const builtFor = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim() : undefined;
  if (builtFor !== undefined && builtFor !== binary.version) {
    return {
      skipReason: `Electron tier skipped: ${addon} was built for Electron ${builtFor}, but Electron ${binary.version} is installed; ${ensure}.`,
    };
  }
  return { executablePath: binary.path };
}
