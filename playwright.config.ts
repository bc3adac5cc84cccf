import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built site (`dist/`, made by `npm run build` before
 * `npm run test:e2e`), served by `astro preview`, never against the dev server.
 * @see https://github.com/withastro/starlight/blob/main/packages/starlight/playwright.config.ts
 */
// GLASSBOX_E2E_PORT lets several checkouts run their browser tests side by side.
const PORT = Number(process.env.GLASSBOX_E2E_PORT ?? 4321);

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  // One worker: the model runs on the CPU (WASM), and parallel pages would skew its timings.
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 30_000 },
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e.json' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx astro preview --port ${PORT}`,
    url: `http://localhost:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
