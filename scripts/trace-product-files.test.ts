import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronViteConfig from '../electron.vite.config.mjs';
import { ENTRY_POINTS, unreachableProductFiles } from './trace-product-files.mjs';

const root = join(__dirname, '..');

describe('the product folders', () => {
  it('hold only code a build entry point reaches, and tests (test-only code lives in test/)', () => {
    expect(unreachableProductFiles(root)).toEqual([]);
  });

  it('are traced from every entry the build has', () => {
    const config = electronViteConfig as unknown as {
      main: { build: { lib: { entry: Record<string, string> } } };
      preload: { build: { lib: { entry: Record<string, string> } } };
      renderer: { build: { rollupOptions: { input: string } } };
    };
    const built = [
      ...Object.values(config.main.build.lib.entry),
      ...Object.values(config.preload.build.lib.entry),
      config.renderer.build.rollupOptions.input,
    ].map((path) => path.slice(root.length + 1).replaceAll('\\', '/'));
    expect([...built].sort()).toEqual([...ENTRY_POINTS].sort());
  });
});

describe('unreachableProductFiles', () => {
  let tree: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tree, path)), { recursive: true });
    writeFileSync(join(tree, path), text);
  };

  beforeAll(() => {
    tree = mkdtempSync(join(tmpdir(), 'notevault-trace-'));
    write('src-main/index.ts', "import { a } from './a';\nexport * from './b.js';\nvoid import('./lazy');\n");
    write('src-main/a.ts', "// import './commented';\nexport const a = '../src-shared/named-in-a-string';\n");
    write('src-main/b.ts', "import '../src-shared/util';\nexport const b = 1;\n");
    write('src-main/lazy/index.ts', "const c = require('./child.mjs');\n");
    write('src-main/lazy/child.mjs', 'export {};\n');
    write('src-main/commented.ts', 'export {};\n');
    write('src-main/a.test.ts', "import './helper';\n");
    write('src-main/helper.ts', 'export {};\n');
    write('src-main/README.md', '# notes\n');
    write('src-shared/util.ts', 'export {};\n');
    write('src-shared/named-in-a-string.ts', 'export {};\n');
    write('src-renderer/index.html', '<script type="module" src="/src/main.tsx"></script>\n');
    write('src-renderer/src/main.tsx', "import './styles.css';\n");
    write('src-renderer/src/styles.css', 'body {}\n');
    write('src-renderer/src/globals.d.ts', 'export {};\n');
    write('src-renderer/src/orphan.tsx', 'export {};\n');
  });
  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('follows static, re-exported, dynamic, require and HTML references, and lists what nothing reaches', () => {
    const entries = ['src-main/index.ts', 'src-renderer/index.html'];
    expect(unreachableProductFiles(tree, entries)).toEqual([
      'src-main/commented.ts',
      'src-main/helper.ts',
      'src-renderer/src/orphan.tsx',
      'src-shared/named-in-a-string.ts',
    ]);
  });

  it('refuses an entry point that does not exist', () => {
    expect(() => unreachableProductFiles(tree, ['src-main/missing.ts'])).toThrow(
      /missing\.ts does not exist/,
    );
  });
});
