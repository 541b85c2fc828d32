/**
 * A company identity provider for the team tests: oidc-provider on loopback, with its development login form,
 * which accepts any login (an email here) and any password. Every login is a verified email; logins in
 * DASHBOARD_ADMINS of the team server are its admins, the rest viewers.
 * Run: tsx e2e/servers/identity-provider.ts PORT REDIRECT_URI...
 */
import Provider from 'oidc-provider'

const [port = '4185', ...redirectUris] = process.argv.slice(2)
const issuer = `http://127.0.0.1:${port}`

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'ip-pools-dashboard',
      client_secret: 'e2e-client-secret',
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  findAccount: async (_ctx: unknown, id: string) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, email_verified: true, name: id.split('@')[0] }),
  }),
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // The dashboard reads who signed in from the ID token, as most relying parties do.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['e2e-only-cookie-key'] },
})
provider.listen(Number(port), '127.0.0.1')
