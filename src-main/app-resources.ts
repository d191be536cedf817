import { basename, dirname } from 'node:path';

/**
 * The folder of resources shipped beside the app's code (electron-builder.yml extraResources:
 * the Electron build of better-sqlite3 in native/, the tray icons in tray/), or undefined in a
 * development checkout, where they come from .native/ and assets/ instead.
 *
 * Packaged, that is process.resourcesPath. A plain Electron started with a packaged
 * `resources/app.asar` as its app is not "packaged", yet its resources are the asar's folder
 * all the same: that is how the release workflow's tier 2 runs the packaged app's own files
 * (the renderer read from app.asar through app://), since the packaged binary refuses the
 * debugging switches Playwright drives it with.
 */
export function shippedResourcesDir(
  appPath: string,
  resourcesPath: string,
  isPackaged: boolean,
): string | undefined {
  if (isPackaged) return resourcesPath;
  return basename(appPath) === 'app.asar' ? dirname(appPath) : undefined;
}
