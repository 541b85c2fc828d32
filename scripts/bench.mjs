#!/usr/bin/env node
// Builds the production (live) bundle and measures what the first page loads, against budgets.
// Usage: npm run bench. Exits non-zero when a budget is exceeded.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET_FIRST_PAGE_GZIP_KB = 160
const MSW_SIGNATURES = ['mockServiceWorker', '[MSW]', 'msw/browser']
// Set for the build: if the key could leak into a bundle, this is what would show.
const CANARY_KEY = 'SG.bench-canary-key-0000000000'
const UPSTREAM_HOSTS = ['api.sendgrid.com', 'api.eu.sendgrid.com']

const outDir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-'))
try {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir], {
    stdio: 'inherit',
    env: { ...process.env, SENDGRID_API_KEY: CANARY_KEY, SENDGRID_API_BASE: 'https://api.eu.sendgrid.com' },
  })

  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const firstPage = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1])
  const sizes = firstPage.map((file) => ({ file, gzip: gzipSync(readFileSync(join(outDir, file))).length }))
  const firstPageKb = sizes.reduce((sum, { gzip }) => sum + gzip, 0) / 1024

  const files = ['index.html', ...readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)]
  const containing = (needles) =>
    files.filter((f) => needles.some((needle) => readFileSync(join(outDir, f), 'utf8').includes(needle)))
  const withMsw = containing(MSW_SIGNATURES)
  if (existsSync(join(outDir, 'mockServiceWorker.js'))) withMsw.push('mockServiceWorker.js')
  const withKey = containing([CANARY_KEY])
  const withHost = containing(UPSTREAM_HOSTS)

  console.log('\nFirst page JavaScript (live build, gzip):')
  for (const { file, gzip } of sizes) console.log(`  ${file.padEnd(44)} ${(gzip / 1024).toFixed(1).padStart(7)} KB`)

  const rows = [
    [
      'first page JS, gzip',
      `${firstPageKb.toFixed(1)} KB`,
      `≤ ${BUDGET_FIRST_PAGE_GZIP_KB} KB`,
      firstPageKb <= BUDGET_FIRST_PAGE_GZIP_KB,
    ],
    ['files with MSW code', String(withMsw.length), '0', withMsw.length === 0],
    ['files with the API key', String(withKey.length), '0', withKey.length === 0],
    ['files naming SendGrid', String(withHost.length), '0', withHost.length === 0],
  ]
  console.log('\n  measure                 value        budget      result')
  for (const [name, value, budget, ok] of rows) {
    console.log(
      `  ${String(name).padEnd(23)} ${String(value).padEnd(12)} ${String(budget).padEnd(11)} ${ok ? 'ok' : 'OVER BUDGET'}`,
    )
  }
  for (const [what, found] of [
    ['MSW', withMsw],
    ['the API key', withKey],
    ["SendGrid's host", withHost],
  ]) {
    if (found.length) console.log(`  ${what} found in: ${found.join(', ')}`)
  }
  if (rows.some((row) => !row[3])) process.exitCode = 1
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
