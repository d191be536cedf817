import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite, not three hand-wired Vite configs: it knows the main/preload/renderer
// targets (Node built-ins external, CJS for main, a self-contained preload) and still
// builds without the Electron binary, which this project's CI machines cannot download.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve('src-main/index.ts'),
          cli: resolve('src-main/cli/cli.ts'),
          // Worker threads load these files by path at run time (the CLI and the app look
          // for them next to themselves), so each is an entry with a stable name.
          'backup-job-worker': resolve('src-main/backup/worker/backup-job-worker.ts'),
          // Turning on scheduled backups derives the key once, outside the main thread.
          'derive-key-worker': resolve('src-main/backup/format/derive-key-worker.ts'),
        },
        formats: ['cjs'],
      },
      rollupOptions: {
        output: {
          // The CLI is run directly as `notevault` by npm's bin link.
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages: bundle everything it uses.
      externalizeDeps: false,
      lib: { entry: { index: resolve('src-main/preload/index.ts') }, formats: ['cjs'] },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
