// Test-only entry for crash-test-child.ts (or the child named by NOTEVAULT_CHILD_ENTRY, a
// file in this folder, e.g. rekey-crash-child.ts). Node 20 cannot load TypeScript, so this shim
// compiles each .ts file it requires with the project's own TypeScript (transpile only)
// and then runs the real pipeline code, unchanged, in this child process. Compiled output
// is cached in NOTEVAULT_TS_CACHE (when set), so a test starting many children loads
// TypeScript once instead of once per child.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const cacheDir = process.env.NOTEVAULT_TS_CACHE;
let ts;

function transpile(filename) {
  const stamp = `${filename}:${statSync(filename).mtimeMs}`;
  const cached = cacheDir && join(cacheDir, `${createHash('sha256').update(stamp).digest('hex')}.js`);
  if (cached && existsSync(cached)) return readFileSync(cached, 'utf8');
  ts ??= require('typescript');
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  if (cached) writeFileSync(cached, outputText);
  return outputText;
}

require.extensions['.ts'] = (module, filename) => {
  module._compile(transpile(filename), filename);
};

const entry = process.env.NOTEVAULT_CHILD_ENTRY ?? 'crash-test-child.ts';
if (!/^[a-z0-9-]+\.ts$/.test(entry)) throw new Error(`Not a child entry of this folder: ${entry}`);
require(`./${entry}`);
