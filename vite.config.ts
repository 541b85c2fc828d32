import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { loadEnv, type Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { createSendGridProxy } from './server/dev-proxy.ts'

/**
 * The build's last touches: a live build drops the demo's service worker (public/ holds it for the demo), and every
 * text file gets gzip and brotli copies beside it, so the production server sends them without compressing.
 */
function finishBuild(mode: string): Plugin {
  let outDir = 'dist'
  return {
    name: 'finish-build',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      if (mode !== 'demo') rmSync(resolve(outDir, 'mockServiceWorker.js'), { force: true })
      for (const file of readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(js|css|html|svg|json)$/.test(file)) continue
        const path = join(outDir, file)
        const content = readFileSync(path)
        if (content.length < 1024) continue // smaller than a packet: compressing gains nothing
        writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }))
        writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}

/**
 * The first screen's chunk asks Chrome to compile all its functions on a background thread as it arrives (V8's
 * explicit compile hints), rather than each on the main thread when the first screen first calls it. Over half of
 * its code runs before the first row is drawn; compiling the rest as well costs less than the main thread's pauses
 * did. The hint counts only on a file's first line.
 */
function compileFirstScreenEagerly(): Plugin {
  const HINT = '//# allFunctionsCalledOnLoad\n'
  return {
    name: 'compile-first-screen-eagerly',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post', // after Vite has put its preload helper at the top
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((file) => file.type === 'chunk')
        // The entry and what it imports statically: what every first page runs.
        const firstScreen = new Set(
          chunks.filter((c) => c.isEntry).flatMap((entry) => [entry.fileName, ...entry.imports]),
        )
        for (const chunk of chunks) {
          if (!firstScreen.has(chunk.fileName)) continue
          chunk.code = HINT + chunk.code
          const map = bundle[`${chunk.fileName}.map`]
          if (map?.type === 'asset') {
            const json = JSON.parse(String(map.source)) as { mappings: string }
            map.source = JSON.stringify({ ...json, mappings: `;${json.mappings}` })
          }
        }
      },
    },
  }
}

/**
 * Live mode in the dev server: the same proxy as the production server (server/plugins/proxy.ts) forwards the dashboard's
 * calls to SendGrid with the key added (SENDGRID_API_KEY, SENDGRID_API_BASE, from the environment or a git-ignored
 * .env.local). No security headers here: Vite's hot reload needs an inline script.
 */
function liveDevServer(mode: string): Plugin {
  const env = loadEnv(mode, process.cwd(), 'SENDGRID_')
  return {
    name: 'sendgrid-live-dev-server',
    configureServer(server) {
      if (mode === 'demo') return
      server.middlewares.use(
        createSendGridProxy({ apiKey: env.SENDGRID_API_KEY, upstream: env.SENDGRID_API_BASE || undefined }),
      )
    },
  }
}

/** Folders that tests, builds and tools write into (all git-ignored). */
const OUTPUT_DIRS = [
  'test-results',
  'playwright-report',
  'screenshots',
  'e2e-logs',
  'dist',
  'dist-demo',
  'build',
  'coverage',
  'data',
]

export default defineConfig(({ command, mode }) => ({
  plugins: [react(), compileFirstScreenEagerly(), finishBuild(mode), liveDevServer(mode)],
  resolve: {
    // React Router's package.json points every build at its development files, whose warnings run on every render
    // (remix-run/react-router#14102): a build takes the production files, the same code with the warnings off.
    alias:
      command === 'build'
        ? [{ find: /^react-router$/, replacement: resolve('node_modules/react-router/dist/production/index.mjs') }]
        : [],
  },
  // Service workers only run on a secure origin; http://localhost counts, a LAN address does not.
  server: {
    host: 'localhost',
    port: 5173,
    // What tests, builds and screenshots write is not source: a change there (Playwright's HTML report, say) would
    // reload the page under the person typing in it.
    watch: { ignored: OUTPUT_DIRS.map((dir) => `**/${dir}/**`) },
  },
  // Serves the demo build only; the live build is served by the production server (npm run serve).
  preview: { host: 'localhost', port: 4173 },
  build: {
    // The first screen is one chunk of about 500 kB (its budget is held in gzip by npm run bench).
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Everything the first screen runs in one chunk beside the entry, rather than a dozen small ones the
        // browser must ask for (six at a time) on a first visit; pages and dialogs still load on demand.
        codeSplitting: { groups: [{ name: 'first-screen', tags: ['$initial'] }] },
      },
    },
  },
  test: {
    globals: true,
    restoreMocks: true,
    // Ceilings, not waits: a test ends as soon as what it waits for is there. A busy 2-core machine (CI, say) runs
    // a jsdom render or a server's first start several times slower than a quiet one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Three files at a time, on two cores: most server tests wait on a database, a socket or a timer rather than on
    // a core, and the default (one file a core, less one) ran every file one after another here.
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          environment: 'jsdom',
          setupFiles: ['src/test/setup.ts'],
          include: ['src/**/*.test.{ts,tsx}'],
        },
      },
      // The proxy runs in Node and talks real HTTP: no jsdom, and no MSW intercepting its requests.
      { extends: true, test: { name: 'server', environment: 'node', include: ['server/**/*.test.ts'] } },
    ],
  },
}))
