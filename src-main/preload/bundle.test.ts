import { resolve } from 'node:path';
import { build } from 'vite';
import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

// A sandboxed preload bundles everything it imports (electron.vite.config.mts), so whatever
// it reaches ships in out/preload/index.js. Bundled here as the build does, without writing.
async function preloadModules(): Promise<string[]> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      lib: { entry: resolve(__dirname, 'index.ts'), formats: ['cjs'], fileName: 'index' },
      rollupOptions: { external: ['electron'] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((output) => output.output)
    .flatMap((chunk) => (chunk.type === 'chunk' ? chunk.moduleIds : []))
    .map((id) => id.slice(root.length + 1).replaceAll('\\', '/'));
}

describe('the preload bundle', () => {
  it('holds the preload, the channel names and the payload limits only: no zod, no schemas', async () => {
    expect((await preloadModules()).sort()).toEqual([
      'src-main/preload/index.ts',
      'src-shared/attachment-limits.ts',
      'src-shared/ipc/names.ts',
      'src-shared/ipc/payload-limits.ts',
      'src-shared/notes.ts',
    ]);
  });
});
