import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../tools/chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(import.meta.dirname, 'test-results', 'data');

/**
 * Runs against the production build served by the BFF on the small demo chain, in Debian's chromium
 * (Playwright cannot download browsers here; path and flags shared with the web bench in `tools/chromium.mjs`).
 */
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS] },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts/ },
    {
      name: 'chromium',
      testIgnore: /auth\.setup\.ts/,
      dependencies: ['setup'],
      use: { storageState: '.auth/analyst.json' },
    },
  ],
  webServer: {
    command: `rm -rf "${dataDir}" && pnpm --filter @portrait/bff start`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      DATA_DIR: dataDir,
      DEMO_SIZE: 'small',
      DEMO_SEED: '7',
      LOG_LEVEL: 'warn',
    },
  },
});
