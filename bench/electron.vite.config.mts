import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';

const root = fileURLToPath(new URL('..', import.meta.url));

// The bench's own build, so bench-only code stays out of out/main: the engine entry built with
// electron-vite's main-process settings, the same as the app's, into out/bench. The bench
// still runs the app's own out/main/backup-job-worker.js. scale-engine is the notes code alone,
// for the notes-at-scale figures.
export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/bench'),
      lib: {
        entry: {
          'bench-engine': resolve(root, 'bench/bench-engine.ts'),
          'scale-engine': resolve(root, 'bench/scale-engine.ts'),
        },
        formats: ['cjs'],
      },
    },
  },
});
