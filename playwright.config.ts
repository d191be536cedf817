import { defineConfig } from '@playwright/test';

const chromiumPath = process.env.NOTEVAULT_CHROMIUM ?? '/usr/bin/chromium';
const port = Number(process.env.NOTEVAULT_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      // Playwright cannot download its own browser here; Debian's Chromium is installed by .ci/run.
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  webServer: {
    // The built renderer is served rather than opened over file:// (module scripts hit CORS there).
    command: `npx vite preview --outDir out/renderer --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
  },
});
