#!/usr/bin/env node
// Makes sure the end-to-end tests have a Chromium: Debian's package where apt can install it, otherwise
// Playwright's own browser, otherwise the exact command to run. Never an obscure launch error later.
import { execSync } from 'node:child_process'
import { findChromium } from './chromium.mjs'

const describe = (found) => (found === null ? "Playwright's own Chromium" : found)

function attempt(label, command) {
  console.log(`No Chromium found; trying ${label}: ${command}`)
  try {
    execSync(command, { stdio: 'inherit' })
  } catch {
    console.log(`${label} did not work.`)
  }
  return findChromium()
}

const has = (command) => {
  try {
    execSync(`command -v ${command}`, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

let found = findChromium()
if (found === undefined && process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but there is no file there.`)
  process.exit(1)
}
if (found === undefined && has('apt-get')) {
  const sudo = process.getuid?.() === 0 ? '' : has('sudo') ? 'sudo -n ' : null
  if (sudo !== null) {
    found = attempt("Debian's package", `${sudo}apt-get update -qq && ${sudo}apt-get install -y -qq chromium`)
  }
}
if (found === undefined) found = attempt("Playwright's browser download", 'npx playwright install chromium')
if (found === undefined) {
  console.error(`
The end-to-end tests need Chromium, and none could be installed automatically. Install one, then run the tests again:
  Debian or Ubuntu:  sudo apt-get install -y chromium
  anywhere else:     npx playwright install chromium
  or point to one:   CHROMIUM_PATH=/path/to/chrome npm test
`)
  process.exit(1)
}
console.log(`End-to-end tests use ${describe(found)}.`)
