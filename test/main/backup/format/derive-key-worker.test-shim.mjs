// Test-only worker entry. Node 20 cannot load TypeScript, so this shim compiles each .ts
// file it requires with the project's own TypeScript and then runs the real
// derive-key-worker.ts, unchanged, inside the worker thread the test started.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  });
  module._compile(outputText, filename);
};

require('../../../../src-main/backup/format/derive-key-worker.ts');
