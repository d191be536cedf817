import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

const root = resolve(__dirname, '../..');
const server = base.webServer;

/**
 * The renderer's side of the notes-at-scale bench (bench/run.mjs runs it): the built renderer in
 * Chromium over the tier-1 bridge, on the bench's generated 100,000-note database. Figures, not
 * tests: it prints them and writes them where NOTEVAULT_SCALE_OUT says. Never part of `npm test`
 * (its files are *.bench.ts, which the main config does not match).
 */
export default defineConfig({
  ...base,
  // The main config's paths are relative to the repository's root, this file's to e2e/bench.
  globalSetup: resolve(root, 'e2e/support/chromium-setup.ts'),
  outputDir: resolve(root, 'test-results/bench'),
  webServer: server && !Array.isArray(server) ? { ...server, cwd: root } : server,
  testDir: '.',
  testMatch: '**/*.bench.ts',
  projects: [{ name: 'renderer-chromium' }],
  timeout: 300_000,
});
