/**
 * Sign-in (/auth/*) through the company's OpenID Connect provider (openid-client): authorization code with PKCE,
 * state and nonce, the user kept in the session cookie (sessions.ts). Only an email the provider says is verified
 * (`email_verified: true`, the boolean) signs in.
 */
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyReply } from 'fastify'
import * as oidc from 'openid-client'
import type { SignInRefusal } from '../../src/shared/messages.ts'
import type { SignInSettings } from '../config.ts'
import { refuseCrossSite, requireUser } from '../guards.ts'
import { roleOf, type Role } from '../identity.ts'
import type { SessionRegistry } from '../session-registry.ts'
import type { SessionUser, Sessions } from '../sessions.ts'

/**
 * Where to go after signing in: a path on this site that can stand in a Location header as it is (printable ASCII,
 * no backslash), else "/". Checked when the sign-in starts and again when it ends.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/'
  if (!/^\/(?![/\\])[\x21-\x7e]*$/.test(value) || value.includes('\\')) return '/'
  const base = 'http://dashboard.invalid'
  return new URL(value, base).origin === base ? value : '/'
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** A page of its own for a sign-in that could not be completed: without a session the app cannot explain it. */
function failurePage(reply: FastifyReply, status: number, reason: string) {
  return reply.code(status).type('text/html; charset=utf-8')
    .send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in failed · IP Pool Manager</title>
<body style="font:16px system-ui;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Sign-in failed</h1><p>${escapeHtml(reason)}</p><p><a href="/auth/login">Try again</a></p></body></html>`)
}

/** The Sign-in page, which says in words (SIGN_IN_REFUSALS) why the sign-in was refused. */
const refusedPath = (reason: SignInRefusal) => `/?refused=${reason}`

interface AuthOptions {
  settings: SignInSettings
  sessions: Sessions
  registry: SessionRegistry
  /** Told of each sign-in and the role it gives (a viewer's layout tokens are revoked). */
  onSignIn?: (email: string, role: Role) => Promise<void>
}

/** The provider's metadata, fetched once; a failure is retried on the next sign-in rather than kept. */
function providerOf(settings: SignInSettings) {
  let discovered: Promise<oidc.Configuration> | undefined
  return () => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain http is accepted for a provider on this machine only (tests); config.ts refuses it elsewhere.
        execute: new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = undefined
        throw error
      })
    return discovered
  }
}

function verifiedUser(claims: oidc.IDToken | undefined, log: FastifyBaseLogger): SessionUser | SignInRefusal {
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : ''
  // Only the boolean true: a claim left out, or the string "false", is not a verified address.
  if (!email || claims?.email_verified !== true) {
    log.warn({ msg: 'sign-in refused', reason: 'email not verified', verified: claims?.email_verified ?? null })
    return 'email_unverified'
  }
  const user: SessionUser = { email }
  if (typeof claims?.name === 'string') user.name = claims.name
  if (Array.isArray(claims?.groups)) user.groups = claims.groups.filter((group) => typeof group === 'string')
  return user
}

export const authPlugin: FastifyPluginAsync<AuthOptions> = async (app, { settings, sessions, registry, onSignIn }) => {
  const redirectUri = new URL('/auth/callback', settings.publicUrl).href
  const provider = providerOf(settings)

  app.get('/login', async (request, reply) => {
    let config
    try {
      config = await provider()
    } catch (error) {
      request.log.error({ msg: 'identity provider unreachable', issuer: settings.issuer, err: error })
      const host = new URL(settings.issuer).host
      return failurePage(reply, 502, `The identity provider (${host}) could not be reached.`)
    }
    const verifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const returnTo = safeReturnPath((request.query as Record<string, unknown>).returnTo)
    const flow = await sessions.seal({ verifier, state, nonce, returnTo }, 600)
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    return reply.setCookie(sessions.flowCookie, flow, sessions.cookieOptions(600)).redirect(url.href, 302)
  })

  app.get('/callback', async (request, reply) => {
    const flow = await sessions.unseal(request.cookies[sessions.flowCookie])
    // The flow cookie is used once, whatever comes of it.
    reply.clearCookie(sessions.flowCookie, sessions.clearOptions())
    if (!flow || flow === 'expired') {
      return failurePage(reply, 400, 'The sign-in took too long or was started elsewhere.')
    }
    const { verifier, state, nonce, returnTo } = flow.payload as Record<string, string>
    let claims
    try {
      const tokens = await oidc.authorizationCodeGrant(
        await provider(),
        new URL(request.raw.url ?? '/', settings.publicUrl),
        { pkceCodeVerifier: verifier!, expectedState: state!, expectedNonce: nonce!, idTokenExpected: true },
      )
      claims = tokens.claims()
    } catch (error) {
      request.log.warn({ msg: 'sign-in failed', err: error })
      const said = error instanceof Error ? error.message : String(error)
      return failurePage(reply, 400, `The identity provider said: ${said}`)
    }
    const user = verifiedUser(claims, request.log)
    if (typeof user === 'string') return reply.redirect(refusedPath(user), 303)
    let id
    try {
      id = await registry.start(user, settings.sessionSeconds)
    } catch (error) {
      request.log.error({ msg: 'sign-in not recorded', err: error })
      return failurePage(reply, 503, 'The dashboard cannot record sign-ins right now. Try again in a minute.')
    }
    const role = roleOf(user, settings)
    request.log.info({ msg: 'signed in', user: user.email, role })
    await onSignIn?.(user.email, role).catch((err: unknown) => request.log.error({ msg: 'sign-in hook failed', err }))
    return reply
      .setCookie(sessions.cookie, await sessions.sealUser(user, id), sessions.sessionCookieOptions())
      .redirect(safeReturnPath(returnTo), 303)
  })

  // Sign out is a plain HTML form: its (empty) body is accepted and not read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, {}),
  )
  const signedOut = (reply: FastifyReply) =>
    reply
      .clearCookie(sessions.cookie, sessions.clearOptions())
      .clearCookie(sessions.flowCookie, sessions.clearOptions())
      .redirect('/', 303)

  app.post('/logout', { onRequest: refuseCrossSite }, async (request, reply) => {
    const { user, sessionId } = request.who
    // Ended in the store, so every server refuses the cookie, should a copy of it outlive this browser's.
    if (sessionId)
      await registry.end(sessionId).catch((err: unknown) => request.log.error({ msg: 'sign-out not recorded', err }))
    request.log.info({ msg: 'signed out', user })
    return signedOut(reply)
  })

  app.post('/logout-everywhere', { onRequest: [refuseCrossSite, requireUser] }, async (request, reply) => {
    const ended = await registry.endAllOf(request.who.user!)
    request.log.info({ msg: 'signed out everywhere', user: request.who.user, sessions: ended })
    return signedOut(reply)
  })
}
