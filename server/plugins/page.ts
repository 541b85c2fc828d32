/**
 * The page: the built app from DIST_DIR. Hashed assets are kept a year; index.html is sent with the server's status
 * written in (so the app's first request is a read of SendGrid) at "/" and at every route of the app; a missing file
 * is a real 404. Files whose names start with a dot are never served.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ProxyStatus } from '../../src/shared/dashboard-api.ts'
import { firstReadPath } from '../../src/shared/first-read.ts'
import { sessionStatus } from '../identity.ts'
import { refuse } from '../replies.ts'
import type { Forwarder } from '../sendgrid-proxy.ts'
import { CACHING } from '../caching.ts'

/**
 * The page's first SendGrid read, fetched by the browser with the page, where the server will let it through (a key
 * here, and someone signed in where people sign in). The path is percent-encoded by the route table, so nothing in it
 * can leave the attribute; the "&" between its query's parameters is written as HTML says.
 */
function firstReadPreload(pathname: string, status: ProxyStatus): string {
  const path = firstReadPath(pathname)
  const letThrough = status.keyOnServer && (!status.session?.signInRequired || status.session.user !== null)
  return path && letThrough ? `<link rel="preload" href="${path.replaceAll('&', '&amp;')}" as="fetch" crossorigin>` : ''
}

/** First path segments that are never the app's pages (any case), so a miss there is a 404, not the app. */
const NOT_PAGES = /^\/(v3|api|auth|proxy|assets|webhooks|healthz)(\/|$)/i
/**
 * The app's own pages, whatever their last segment looks like: an IP (/ips/198.18.0.72) or a pool name (news.v2)
 * ends in what elsewhere would be a file's extension, and a reload, a bookmark or a shared link must still open it.
 */
const APP_PAGES = /^\/(pools|ips|activity|sessions)(\/|$)/
/** Elsewhere a last segment with an extension (robots.txt, favicon.ico) is a file that is not there. */
const LOOKS_LIKE_A_FILE = /\.[a-z0-9]+$/i

export const pagePlugin: FastifyPluginAsync<{ distDir: string; forwarder: Forwarder }> = async (
  app,
  { distDir, forwarder },
) => {
  // Read once: the build does not change under a running server.
  const indexHtml = await readFile(resolve(distDir, 'index.html'), 'utf8').catch(() => null)

  function sendPage(request: FastifyRequest, reply: FastifyReply) {
    if (indexHtml === null) return refuse(reply, 404, 'The dashboard has not been built: run npm run build.')
    // A data block, never run; "<" escaped so that no name or e-mail address can close the element, and put in by a
    // function, so that "$&" or "$`" in a name is not read as a replacement pattern.
    const status = forwarder.status(sessionStatus(request.who))
    const data = JSON.stringify(status).replace(/</g, '\\u003c')
    const preload = firstReadPreload(request.url.split('?')[0]!, status)
    const page = indexHtml.replace(
      '</head>',
      () => `${preload}<script id="server-status" type="application/json">${data}</script></head>`,
    )
    // Private: the page names whoever asked for it.
    return reply.header('cache-control', CACHING.page).type('text/html; charset=utf-8').send(page)
  }

  await app.register(fastifyStatic, {
    root: distDir,
    preCompressed: true,
    cacheControl: false,
    dotfiles: 'ignore',
    // "/" is the page with the status written in, like every other route of the app.
    index: false,
    // Hashed file names change with their content, so they can be kept a year; the rest must be asked anew.
    setHeaders(reply, path) {
      const hashed = path.startsWith(resolve(distDir, 'assets') + '/')
      reply.header('cache-control', hashed ? CACHING.hashedFile : CACHING.otherFile)
    },
  })

  app.get('/', sendPage)

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !NOT_PAGES.test(path) &&
      !/\/\./.test(path) &&
      (APP_PAGES.test(path) || !LOOKS_LIKE_A_FILE.test(path))
    if (!isPage) return refuse(reply, 404, `Nothing is at ${request.method} ${path}.`)
    // The app's own routes (/pools/…, /ips, /activity) and its not-found page are drawn in the browser.
    return sendPage(request, reply)
  })
}
