import { defineConfig } from '@playwright/test'
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs'

const PORT = 4173
const executablePath = findChromium() ?? undefined

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    // Service workers need a secure origin: localhost is one, a LAN address is not.
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // Run on demand by `npm run screenshots`, not part of the test suite.
    { name: 'screenshots', testMatch: /\.capture\.ts$/, use: { browserName: 'chromium' } },
  ],
  // The production demo build, as users get it, not the dev server.
  webServer: {
    command: `npm run build:demo && npm run preview:demo -- --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    // Always the build of the code under test, never a server left over from an earlier run.
    reuseExistingServer: false,
    timeout: 120_000,
  },
})
