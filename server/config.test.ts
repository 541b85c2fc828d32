import { resolve } from 'node:path'
import { ConfigError, isLoopback, readConfig } from './config.ts'

const SIGN_IN = {
  OIDC_ISSUER: 'https://id.example.com',
  OIDC_CLIENT_ID: 'dashboard',
  OIDC_CLIENT_SECRET: 'client-secret',
  PUBLIC_URL: 'https://pools.example.com',
  SESSION_SECRET: 'x'.repeat(40),
}

describe('readConfig', () => {
  it('runs for one person on their own machine with nothing set', () => {
    const config = readConfig({})
    expect(config).toMatchObject({ host: 'localhost', port: 4173 })
    expect(config.signIn).toBeUndefined()
    expect(config.apiKey).toBeUndefined()
    expect(config.distDir).toBe(resolve('dist'))
  })

  it('refuses to start on the network with a key on the server and nobody signing in, and says what to set', () => {
    expect(() => readConfig({ HOST: '0.0.0.0', SENDGRID_API_KEY: 'SG.x' })).toThrow(ConfigError)
    expect(() => readConfig({ HOST: '0.0.0.0', SENDGRID_API_KEY: 'SG.x' })).toThrow(
      /OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, PUBLIC_URL, SESSION_SECRET.*ALLOW_ANONYMOUS=true/,
    )
    expect(() => readConfig({ HOST: '192.0.2.10', SENDGRID_API_KEY: 'SG.x' })).toThrow(ConfigError)
  })

  it('refuses to start on the network with nobody signing in even without a key: everyone would be its admin', () => {
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError)
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(/anyone who reaches it would act as its admin\. Set OIDC/)
    expect(() => readConfig({ HOST: '::' })).toThrow(ConfigError)
  })

  it('starts on the network when sign-in is set, or when the risk is accepted, and says which', () => {
    expect(readConfig({ HOST: '0.0.0.0', SENDGRID_API_KEY: 'SG.x', ...SIGN_IN })).not.toHaveProperty('openToNetwork')
    const open = readConfig({ HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' })
    expect(open).toMatchObject({ openToNetwork: true })
    expect(open.signIn).toBeUndefined()
    expect(readConfig({ HOST: '127.0.0.1' })).not.toHaveProperty('openToNetwork')
  })

  it('names what is missing from a half-set sign-in', () => {
    expect(() => readConfig({ OIDC_ISSUER: 'https://id.example.com', PUBLIC_URL: 'https://p.example.com' })).toThrow(
      'Sign-in is half set up: also set OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, SESSION_SECRET.',
    )
  })

  it('refuses a short session secret and a plain-http identity provider elsewhere than this machine', () => {
    expect(() => readConfig({ ...SIGN_IN, SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/)
    expect(() => readConfig({ ...SIGN_IN, OIDC_ISSUER: 'http://id.example.com' })).toThrow(/https/)
    expect(readConfig({ ...SIGN_IN, OIDC_ISSUER: 'http://127.0.0.1:4185' }).signIn?.issuer).toBe(
      'http://127.0.0.1:4185/',
    )
  })

  it('reads admins in lower case, the admin group, and answers to the public host', () => {
    const config = readConfig({
      ...SIGN_IN,
      DASHBOARD_ADMINS: 'Ana@Example.com, bo@example.com',
      DASHBOARD_ADMIN_GROUP: 'mail-admins',
    })
    expect(config.signIn).toMatchObject({ admins: ['ana@example.com', 'bo@example.com'], adminGroup: 'mail-admins' })
    expect(config.allowedHosts).toContain('pools.example.com')
  })

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.4', false],
    ['pools.example.com', false],
  ])('counts %s as loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback)
  })

  it('takes the Event Webhook public key only as SendGrid gives it, and a whole number of days to keep counts', () => {
    expect(() => readConfig({ SENDGRID_WEBHOOK_PUBLIC_KEY: 'not-a-key' })).toThrow(/SENDGRID_WEBHOOK_PUBLIC_KEY/)
    expect(() => readConfig({ DELIVERY_RETENTION_DAYS: '0' })).toThrow(/DELIVERY_RETENTION_DAYS/)
    expect(readConfig({ DELIVERY_RETENTION_DAYS: '30' }).deliveryRetentionDays).toBe(30)
    // Its older name is still read, so a deployment that set it keeps its retention.
    expect(readConfig({ STATS_RETENTION_DAYS: '45' }).deliveryRetentionDays).toBe(45)
    expect(readConfig({}).deliveryRetentionDays).toBe(90)
  })
})
