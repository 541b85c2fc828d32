// Where a Chromium for the end-to-end tests is: CHROMIUM_PATH, a system browser, or Playwright's own download.
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const SYSTEM_BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

/** The executable to launch, `null` for Playwright's own browser, or `undefined` when there is none. */
export function findChromium() {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path))
  if (system) return system
  return existsSync(chromium.executablePath()) ? null : undefined
}

// Without these, Chromium reaches out to Google's services at start and, as root, refuses to run sandboxed.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
