import { rmSync } from 'node:fs'
import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { loadEnv, type Plugin } from 'vite'
import { defineConfig } from 'vitest/config'
import { createSendGridProxy } from './server/sendgrid-proxy.js'
import { securityHeaders } from './server/security-headers.js'

/** public/ holds the demo's service worker; a live build must not ship it. */
function demoWorkerOnly(mode: string): Plugin {
  let outDir = 'dist'
  return {
    name: 'demo-worker-only',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir)
    },
    closeBundle() {
      if (mode !== 'demo') rmSync(resolve(outDir, 'mockServiceWorker.js'), { force: true })
    },
  }
}

/**
 * Live mode: the dev and preview servers forward the dashboard's API calls to SendGrid with the key added
 * (SENDGRID_API_KEY, SENDGRID_API_BASE, from the environment or a git-ignored .env.local). The served build also
 * gets its security headers; the dev server does not, as Vite's hot reload needs an inline script.
 */
function liveServer(mode: string): Plugin {
  const env = loadEnv(mode, process.cwd(), 'SENDGRID_')
  const proxy = () =>
    createSendGridProxy({ apiKey: env.SENDGRID_API_KEY, upstream: env.SENDGRID_API_BASE || undefined })
  return {
    name: 'sendgrid-live-server',
    configureServer(server) {
      if (mode !== 'demo') server.middlewares.use(proxy())
    },
    configurePreviewServer(server) {
      server.middlewares.use(securityHeaders)
      if (mode !== 'demo') server.middlewares.use(proxy())
    },
  }
}

export default defineConfig(({ mode }) => ({
  plugins: [react(), demoWorkerOnly(mode), liveServer(mode)],
  // Service workers only run on a secure origin; http://localhost counts, a LAN address does not.
  server: { host: 'localhost', port: 5173 },
  // Behind a reverse proxy, name the public host(s) the dashboard is served as: DASHBOARD_HOSTS=pools.example.com
  preview: { host: 'localhost', port: 4173, allowedHosts: process.env.DASHBOARD_HOSTS?.split(',') },
  test: {
    globals: true,
    restoreMocks: true,
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
