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

const outDir = mkdtempSync(join(tmpdir(), 'ip-pools-bench-'))
try {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', outDir], { stdio: 'inherit' })

  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  const firstPage = [
    ...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g),
  ].map((m) => m[1])
  const sizes = firstPage.map((file) => ({ file, gzip: gzipSync(readFileSync(join(outDir, file))).length }))
  const firstPageKb = sizes.reduce((sum, { gzip }) => sum + gzip, 0) / 1024

  const allJs = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'))
  const withMsw = allJs.filter((f) => {
    const text = readFileSync(join(outDir, 'assets', f), 'utf8')
    return MSW_SIGNATURES.some((signature) => text.includes(signature))
  })
  if (existsSync(join(outDir, 'mockServiceWorker.js'))) withMsw.push('mockServiceWorker.js')

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
  ]
  console.log('\n  measure                 value        budget      result')
  for (const [name, value, budget, ok] of rows) {
    console.log(
      `  ${String(name).padEnd(23)} ${String(value).padEnd(12)} ${String(budget).padEnd(11)} ${ok ? 'ok' : 'OVER BUDGET'}`,
    )
  }
  if (withMsw.length) console.log(`  MSW found in: ${withMsw.join(', ')}`)
  if (rows.some((row) => !row[3])) process.exitCode = 1
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
