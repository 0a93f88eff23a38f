import { defineConfig } from '@playwright/test'

import type { Shell } from './e2e/fixtures/test'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromiumPath,
    // The machine's network is closed: without these Chromium keeps dialling out.
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
}

export default defineConfig<{ shell: Shell }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'browser',
      use: { ...chromium, shell: 'browser' satisfies Shell },
    },
    {
      // Runs the connect spec through the real Electron shell where its binary exists.
      name: 'electron',
      testMatch: '**/connect.spec.ts',
      use: { ...chromium, shell: 'electron' satisfies Shell },
    },
  ],
})
