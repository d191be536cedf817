import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedResourcesDir } from './app-resources';

describe('shippedResourcesDir', () => {
  const resourcesPath = join('/opt', 'electron', 'resources');

  it('is process.resourcesPath in the packaged app', () => {
    expect(shippedResourcesDir(join('/opt/NoteVault/resources', 'app.asar'), resourcesPath, true)).toBe(
      resourcesPath,
    );
  });

  it("is the asar's folder when a plain Electron runs a packaged app.asar (the release tier 2)", () => {
    const asar = join('/work', 'dist', 'linux-unpacked', 'resources', 'app.asar');
    expect(shippedResourcesDir(asar, resourcesPath, false)).toBe(
      join('/work', 'dist', 'linux-unpacked', 'resources'),
    );
  });

  it('is undefined in a development checkout', () => {
    expect(shippedResourcesDir('/work/notevault', resourcesPath, false)).toBeUndefined();
    expect(shippedResourcesDir('/work/app.asar.d', resourcesPath, false)).toBeUndefined();
  });
});
