import { defineConfig } from '@playwright/test';

const port = Number(process.env.NOTEVAULT_E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Finds the browser (NOTEVAULT_CHROMIUM, the system's, Playwright's, or installs one) and
  // sets NOTEVAULT_CHROMIUM before the workers start; it fails the run when there is none.
  globalSetup: './e2e/support/chromium-setup.ts',
  outputDir: 'test-results',
  // One worker per core (2 on the reference machine). Each test builds its own bridge, temp
  // folder and database (e2e/support/bridge.ts), and the one webServer only serves files.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      // Read when each worker loads this file, after globalSetup has set it.
      executablePath: process.env.NOTEVAULT_CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  projects: [
    // Tier 1: the built renderer in Debian's Chromium, its window.notevault bridged to the real
    // router and database in the test process (e2e/support/bridge.ts). Also the CLI tests.
    // Its tests share nothing but the static webServer, so the long files (the accessibility
    // gate) are spread over both workers too, not only whole files.
    { name: 'renderer-chromium', testIgnore: '**/electron/**', fullyParallel: true },
    // Tier 2: the built app in the real Electron through Playwright's _electron, each test with
    // its own user-data folder. Where the Electron binary or better-sqlite3's Electron build is
    // missing, every test is reported as skipped with the reason (e2e/electron/electron-app.ts).
    { name: 'electron', testDir: 'e2e/electron', timeout: 60_000 },
  ],
  webServer: {
    // The built renderer is served rather than opened over file:// (module scripts hit CORS there).
    command: `npx vite preview --outDir out/renderer --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
  },
});
