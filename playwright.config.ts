import { defineConfig } from '@playwright/test'
import { PORTS } from './e2e/servers'
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs'

const executablePath = findChromium() ?? undefined
// Service workers need a secure origin: localhost is one, a LAN address is not.
const at = (port: number) => `http://localhost:${port}`

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Ceilings, not waits: each step goes on as soon as the page is ready. Two browsers, eight servers and Chromium's
  // axe scans share two cores; on a busy machine a whole test is several times slower than on a quiet one.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  // Builds both bundles and starts the demo, live and contract servers (see e2e/servers.ts).
  globalSetup: './e2e/global-setup.ts',
  use: {
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    browserName: 'chromium',
  },
  projects: [
    { name: 'demo', testDir: 'e2e/demo', use: { baseURL: at(PORTS.demo) } },
    { name: 'live', testDir: 'e2e/live', use: { baseURL: at(PORTS.live) } },
    { name: 'contract', testDir: 'e2e/contract', use: { baseURL: at(PORTS.contract) } },
    { name: 'team', testDir: 'e2e/team', use: { baseURL: at(PORTS.team) } },
    // Run on demand by `npm run screenshots`, not part of the test suite.
    { name: 'screenshots', testMatch: /\.capture\.ts$/, use: { baseURL: at(PORTS.demo) } },
  ],
})
