import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { shippedResourcesDir } from './app-resources';

/**
 * The better-sqlite3 addon in node_modules is built for Node's ABI (tests and the CLI use it).
 * Inside Electron the app loads a copy built for Electron's ABI instead: from the packaged
 * app's resources (also when a plain Electron runs the packaged app.asar: app-resources.ts),
 * or from .native/ in a development checkout (scripts/electron-native.mjs).
 * Returns undefined under plain Node, where the default addon is the right one.
 */
export function electronSqliteBinding(
  appRoot: string,
  resourcesPath: string,
  isPackaged: boolean,
): string | undefined {
  const electronVersion = process.versions.electron;
  if (!electronVersion) return undefined;
  const resources = shippedResourcesDir(appRoot, resourcesPath, isPackaged);
  const candidate =
    resources !== undefined
      ? join(resources, 'native', 'better_sqlite3.node')
      : join(appRoot, '.native', `electron-${process.platform}-${process.arch}`, 'better_sqlite3.node');
  if (!existsSync(candidate)) {
    throw new Error(
      `better-sqlite3 for Electron ${electronVersion} is missing at ${candidate}. ` +
        'Run "npm run native:electron" (see Troubleshooting in README.md).',
    );
  }
  return candidate;
}
