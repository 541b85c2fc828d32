/**
 * A company identity provider for the team tests: oidc-provider on loopback, with its development login form,
 * which accepts any login (an email here) and any password. A login's claims say its email is verified, except
 * logins that start with "unverified" (email_verified: false), "unstated" (no email_verified claim) and "stringly"
 * (the string "false"). Logins in DASHBOARD_ADMINS of the team server are its admins, the rest viewers.
 * Run: tsx e2e/servers/identity-provider.ts PORT REDIRECT_URI...
 */
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import Provider from 'oidc-provider'

export const CLIENT = { id: 'ip-pools-dashboard', secret: 'e2e-client-secret' } as const

function emailVerified(login: string): unknown {
  if (login.startsWith('unverified')) return false
  if (login.startsWith('unstated')) return undefined
  if (login.startsWith('stringly')) return 'false'
  return true
}

/** Starts the provider on 127.0.0.1:`port` (0: any free port) and says where it is. */
export async function startIdentityProvider(port: number, redirectUris: string[]) {
  const provider = (issuer: string) =>
    new Provider(issuer, {
      clients: [
        {
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          redirect_uris: redirectUris,
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      findAccount: async (_ctx: unknown, id: string) => ({
        accountId: id,
        claims: async () => {
          const verified = emailVerified(id)
          return {
            sub: id,
            email: id,
            ...(verified === undefined ? {} : { email_verified: verified }),
            name: id.split('@')[0],
          }
        },
      }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The dashboard reads who signed in from the ID token, as most relying parties do.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['e2e-only-cookie-key'] },
    })
  if (port !== 0) {
    const issuer = `http://127.0.0.1:${port}`
    const server = provider(issuer).listen(port, '127.0.0.1')
    return { issuer, close: () => new Promise<void>((done) => server.close(() => done())) }
  }
  // The issuer names its port, so a free one is found first.
  const { createServer } = await import('node:net')
  const free = await new Promise<number>((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: found } = probe.address() as AddressInfo
      probe.close(() => done(found))
    })
  })
  return startIdentityProvider(free, redirectUris)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [port = '4185', ...redirectUris] = process.argv.slice(2)
  await startIdentityProvider(Number(port), redirectUris)
}
