import { readFileSync } from 'node:fs';
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
    expect(nativeBinding).toContain("join(resourcesPath, 'native', 'better_sqlite3.node')");
  });
});
