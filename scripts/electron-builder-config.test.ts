import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = join(__dirname, '..');

// electron-builder's own schema from the installed package, not a copy that could drift.
// strict: false because the schema uses its custom `typeof` keyword, as electron-builder does.
function loadValidator() {
  const schemaPath = join(require.resolve('app-builder-lib/package.json'), '..', 'scheme.json');
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as object;
  return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

function loadConfig(): Record<string, unknown> {
  return parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
}

describe('electron-builder.yml', () => {
  const validate = loadValidator();

  it("validates against electron-builder's configuration schema", () => {
    const valid = validate(loadConfig());
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked for real: an unknown or mistyped option fails the same schema', () => {
    expect(validate({ ...loadConfig(), nsis: { oneClick: 'nope' } })).toBe(false);
    expect(validate({ ...loadConfig(), notAnOption: true })).toBe(false);
  });

  it('ships the Electron build of better-sqlite3 where the app looks for it', () => {
    const config = loadConfig();
    expect(config.npmRebuild).toBe(false);
    expect(config.extraResources).toContainEqual({
      from: '.native/electron-${platform}-${arch}/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    const nativeBinding = readFileSync(join(root, 'src-main/native-binding.ts'), 'utf8');
    expect(nativeBinding).toContain("join(resources, 'native', 'better_sqlite3.node')");
  });
});

describe('electron-builder.yml: hardening, installers and icons', () => {
  const config = loadConfig() as {
    productName: string;
    asar: boolean;
    electronFuses: Record<string, boolean>;
    extraResources: unknown[];
    win: { icon: string; target: { target: string }[] };
    nsis: Record<string, unknown> & { include: string };
    mac: { icon: string; target: string[] };
    linux: { icon: string; target: string[] };
  };

  it('sets the hardening fuses, and packs the app into an asar for them to guard', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('turns off every way into a packaged app for a debugger, and file:// privileges', () => {
    // Node's --inspect switches and NODE_OPTIONS (which could carry them) are ignored by the
    // binary; src-main/window/debug-switches.ts refuses them (and Chromium's remote debugging)
    // at start-up as well, and scripts/verify-fuses.mjs reads these back from the binary.
    for (const fuse of [
      'runAsNode',
      'enableNodeCliInspectArguments',
      'enableNodeOptionsEnvironmentVariable',
      'grantFileProtocolExtraPrivileges',
    ])
      expect(config.electronFuses[fuse], fuse).toBe(false);
  });

  it('builds a per-user assisted NSIS installer that keeps user data, a dmg, an AppImage and a deb', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('points at icon files that exist, in each platform format', () => {
    const icons = { win: config.win.icon, mac: config.mac.icon, linux: config.linux.icon };
    expect(icons).toEqual({ win: 'assets/icon.ico', mac: 'assets/icon.icns', linux: 'assets/icon.png' });
    for (const icon of Object.values(icons)) expect(existsSync(join(root, icon)), icon).toBe(true);
    expect(config.extraResources).toContainEqual({
      from: 'assets/tray',
      to: 'tray',
      filter: ['*.ico', '*.png'],
    });
  });

  it("lets the uninstaller remove exactly the app's user-data folder, named after productName", () => {
    const script = readFileSync(join(root, config.nsis.include), 'utf8');
    // Electron's userData folder is named after package.json's productName.
    const productName = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { productName: string }
    ).productName;
    expect(config.productName).toBe(productName);
    const removed = [...script.matchAll(/RMDir \/r "([^"]+)"/g)].map((match) => match[1]);
    expect(removed).toEqual([`$APPDATA\\${productName}`]);
    // Unticked by default, and never during an update.
    expect(script).toMatch(/Section \/o "un\.Also remove my notes and backups"/);
    expect(script).toMatch(/\$\{ifNot\} \$\{isUpdated\}/);
  });
});
