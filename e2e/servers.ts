/** Every server the end-to-end tests need, on loopback ports; started by global-setup, each stopped by its PID. */
export const PORTS = {
  demo: 4173,
  live: 4174,
  contract: 4175,
  team: 4176,
  teamShortSessions: 4177,
  fakeSendGrid: 4180,
  prism: 4181,
  identityProvider: 4185,
} as const

/** The team servers' settings: sign-in through the test identity provider, one admin, journals under e2e-logs/. */
export const TEAM = {
  admin: 'admin@example.com',
  viewer: 'viewer@example.com',
  /**
   * Seconds a sign-in lasts on the server with short sessions: long enough for a busy machine to sign in and draw
   * the pools before it ends, short enough to wait out.
   */
  shortSessionSeconds: 15,
  dataDir: 'e2e-logs/team-data',
  database: 'e2e_team',
} as const

/**
 * The Signed Event Webhook key the live server checks batches with: made anew by global-setup each run (its public
 * half given to the server as SENDGRID_WEBHOOK_PUBLIC_KEY), so the tests can post batches as SendGrid would.
 */
export const WEBHOOK_SIGNING_KEY = 'e2e-logs/webhook-signing-key.pem'

/** Written by global-setup from e2e/fixtures (servers/contract-spec.ts) before Prism starts. */
export const CONTRACT_SPEC = 'e2e-logs/contract-spec.json'

/** The key the contract server is configured with: Prism checks that a bearer token arrives, not which. */
export const CONTRACT_SERVER_KEY = 'SG.contract-test-key'

export interface ServerSpec {
  name: string
  command: string
  args: string[]
  env?: Record<string, string>
  /** Answers (with any status) once the server is up. */
  readyUrl: string
}

const vite = (args: string[], env?: Record<string, string>) => ({ command: 'npx', args: ['vite', ...args], env })
/** The production server as `npm run serve` runs it (build/server/main.js), with the live build in dist/. */
const productionServer = (port: number, env: Record<string, string>) => ({
  command: process.execPath,
  args: ['build/server/main.js'],
  // Each its own DATA_DIR: an embedded store is one server's.
  env: { PORT: String(port), HOST: 'localhost', DATA_DIR: `${TEAM.dataDir}/${port}`, ...env },
})

/**
 * The team's store: a PostgreSQL server where TEST_DATABASE_URL names one (CI starts one, in a database of the tests'
 * own, made anew by global-setup), else the embedded store in DATA_DIR.
 */
export function teamDatabaseUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL
  return url ? Object.assign(new URL(url), { pathname: `/${TEAM.database}` }).href : undefined
}

const teamServer = (port: number, apiKey: string, sessionHours: number, store: 'postgres' | 'embedded') =>
  productionServer(port, {
    ...(store === 'postgres' && teamDatabaseUrl() ? { DATABASE_URL: teamDatabaseUrl()! } : {}),
    SENDGRID_API_BASE: `http://127.0.0.1:${PORTS.fakeSendGrid}`,
    SENDGRID_API_KEY: apiKey,
    OIDC_ISSUER: `http://127.0.0.1:${PORTS.identityProvider}`,
    OIDC_CLIENT_ID: 'ip-pools-dashboard',
    OIDC_CLIENT_SECRET: 'e2e-client-secret',
    PUBLIC_URL: `http://localhost:${port}`,
    SESSION_SECRET: 'e2e-session-secret-e2e-session-secret-0000',
    SESSION_HOURS: String(sessionHours),
    DASHBOARD_ADMINS: TEAM.admin,
    DATA_DIR: `${TEAM.dataDir}/${port}`,
  })

export const SERVERS: ServerSpec[] = [
  {
    name: 'demo',
    ...vite(['preview', '--mode', 'demo', '--outDir', 'dist-demo', '--port', String(PORTS.demo), '--strictPort']),
    readyUrl: `http://localhost:${PORTS.demo}`,
  },
  {
    name: 'fake-sendgrid',
    command: 'npx',
    args: ['tsx', 'e2e/servers/fake-sendgrid.ts', String(PORTS.fakeSendGrid)],
    readyUrl: `http://127.0.0.1:${PORTS.fakeSendGrid}`,
  },
  {
    name: 'prism',
    command: 'npx',
    args: ['prism', 'mock', '--host', '127.0.0.1', '--port', String(PORTS.prism), '--errors', CONTRACT_SPEC],
    readyUrl: `http://127.0.0.1:${PORTS.prism}`,
  },
  {
    // Live, with no key on the server: users connect with keys whose names pick the fake account's behaviour.
    name: 'live',
    ...productionServer(PORTS.live, {
      SENDGRID_API_BASE: `http://127.0.0.1:${PORTS.fakeSendGrid}`,
      SENDGRID_API_KEY: '',
      // Alert receivers the tests start on this machine.
      ALERT_DESTINATION_HOSTS: '127.0.0.1',
    }),
    readyUrl: `http://localhost:${PORTS.live}/healthz`,
  },
  {
    // Live against SendGrid's own spec, served by Prism, with the key configured on the server.
    name: 'contract',
    ...productionServer(PORTS.contract, {
      SENDGRID_API_BASE: `http://127.0.0.1:${PORTS.prism}`,
      SENDGRID_API_KEY: CONTRACT_SERVER_KEY,
    }),
    readyUrl: `http://localhost:${PORTS.contract}/healthz`,
  },
  {
    name: 'identity-provider',
    command: 'npx',
    args: [
      'tsx',
      'e2e/servers/identity-provider.ts',
      String(PORTS.identityProvider),
      `http://localhost:${PORTS.team}/auth/callback`,
      `http://localhost:${PORTS.teamShortSessions}/auth/callback`,
    ],
    readyUrl: `http://127.0.0.1:${PORTS.identityProvider}/.well-known/openid-configuration`,
  },
  {
    // A team's server: sign-in, roles and the journal, forwarding to the fake SendGrid with its own key.
    name: 'team',
    ...teamServer(PORTS.team, 'SG.team-account', 8, 'postgres'),
    readyUrl: `http://localhost:${PORTS.team}/healthz`,
  },
  {
    // The same, with sessions that end within seconds.
    name: 'team-short-sessions',
    ...teamServer(PORTS.teamShortSessions, 'SG.team-short-sessions', TEAM.shortSessionSeconds / 3600, 'embedded'),
    readyUrl: `http://localhost:${PORTS.teamShortSessions}/healthz`,
  },
]
