// @ts-check
/**
 * Sign-in through the company's OpenID Connect provider (openid-client): authorization code with PKCE, state and
 * nonce, the user kept in the session cookie (sessions.js), and who may change what decided on every request from
 * the current DASHBOARD_ADMINS / DASHBOARD_ADMIN_GROUP, so a change to either takes effect without signing in again.
 */
import * as oidc from 'openid-client'

/** @typedef {import('./sessions.js').Sessions} Sessions */
/** @typedef {import('./sessions.js').SessionUser} SessionUser */
/** @typedef {'admin' | 'viewer'} Role */

/**
 * @typedef {object} SignInSettings
 * @property {string} issuer OIDC_ISSUER
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {string} publicUrl PUBLIC_URL, where the identity provider sends people back to
 * @property {readonly string[]} admins emails, lower case
 * @property {string} [adminGroup] a value of the ID token's `groups` claim
 */

/**
 * @param {SessionUser} user
 * @param {Pick<SignInSettings, 'admins' | 'adminGroup'>} settings
 * @returns {Role}
 */
export function roleOf(user, { admins, adminGroup }) {
  if (admins.includes(user.email.toLowerCase())) return 'admin'
  if (adminGroup && user.groups?.includes(adminGroup)) return 'admin'
  return 'viewer'
}

/**
 * Where to go after signing in: a path on this site only, never another origin.
 * @param {unknown} value
 */
export function safeReturnPath(value) {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || value.length > 2000) return '/'
  return /[\x00-\x1f\\]/.test(value) ? '/' : value // eslint-disable-line no-control-regex -- refused on purpose
}

/** @param {string} text */
const escapeHtml = (text) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** A page of its own for a sign-in that failed: the app cannot start without a session to explain it. */
function failurePage(/** @type {string} */ reason) {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in failed · IP Pool Manager</title>
<body style="font:16px system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Sign-in failed</h1><p>${escapeHtml(reason)}</p><p><a href="/auth/login">Try again</a></p></body></html>`
}

/**
 * @param {SignInSettings} settings
 * @param {Sessions} sessions
 * @param {import('fastify').FastifyBaseLogger} log
 */
export function createSignIn(settings, sessions, log) {
  const redirectUri = new URL('/auth/callback', settings.publicUrl).href
  /** @type {Promise<oidc.Configuration> | undefined} */
  let discovered

  /** The provider's metadata, fetched once; a failure is retried on the next sign-in rather than kept. */
  function provider() {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted for a provider on this machine only (tests); config.js refuses it elsewhere.
        execute: new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error) => {
        discovered = undefined
        throw error
      })
    return discovered
  }

  /** @param {import('fastify').FastifyInstance} app */
  function register(app) {
    app.get('/auth/login', async (request, reply) => {
      let config
      try {
        config = await provider()
      } catch (error) {
        log.error({ msg: 'identity provider unreachable', issuer: settings.issuer, err: error })
        return reply
          .code(502)
          .type('text/html')
          .send(failurePage(`The identity provider (${new URL(settings.issuer).host}) could not be reached.`))
      }
      const verifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const nonce = oidc.randomNonce()
      const returnTo = safeReturnPath(/** @type {Record<string, unknown>} */ (request.query).returnTo)
      const flow = await sessions.seal({ verifier, state, nonce, returnTo }, 600)
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      })
      return reply
        .setCookie(sessions.flowCookie, flow, sessions.cookieOptions(600))
        .header('cache-control', 'no-store')
        .redirect(url.href, 302)
    })

    app.get('/auth/callback', async (request, reply) => {
      const flow = await sessions.unseal(request.cookies[sessions.flowCookie])
      reply.clearCookie(sessions.flowCookie, { path: '/' }).header('cache-control', 'no-store')
      if (!flow || flow === 'expired') {
        return reply
          .code(400)
          .type('text/html')
          .send(failurePage('The sign-in took too long or was started elsewhere.'))
      }
      const { verifier, state, nonce, returnTo } = /** @type {Record<string, string>} */ (flow.payload)
      let claims
      try {
        const config = await provider()
        const tokens = await oidc.authorizationCodeGrant(config, new URL(request.raw.url ?? '/', settings.publicUrl), {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
          idTokenExpected: true,
        })
        claims = tokens.claims()
      } catch (error) {
        log.warn({ msg: 'sign-in failed', err: error })
        const said = error instanceof Error ? error.message : String(error)
        return reply
          .code(400)
          .type('text/html')
          .send(failurePage(`The identity provider said: ${said}`))
      }
      const email = typeof claims?.email === 'string' ? claims.email.toLowerCase() : undefined
      if (!email || claims?.email_verified === false) {
        return reply
          .code(403)
          .type('text/html')
          .send(failurePage('Your identity provider did not give a verified email address, which names you here.'))
      }
      /** @type {SessionUser} */
      const user = { email }
      if (typeof claims?.name === 'string') user.name = claims.name
      if (Array.isArray(claims?.groups)) user.groups = claims.groups.filter((g) => typeof g === 'string')
      log.info({ msg: 'signed in', user: email, role: roleOf(user, settings) })
      return reply
        .setCookie(sessions.cookie, await sessions.sealUser(user), sessions.sessionCookieOptions())
        .redirect(safeReturnPath(returnTo), 303)
    })

    // Sign out is a plain HTML form: its (empty) body is accepted and not read.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_request, _body, done) => done(null, {}),
    )
    app.post('/auth/logout', async (request, reply) => {
      log.info({ msg: 'signed out', user: request.who.user })
      return reply.clearCookie(sessions.cookie, { path: '/' }).header('cache-control', 'no-store').redirect('/', 303)
    })
  }

  return { register, provider, redirectUri }
}
