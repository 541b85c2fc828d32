/** The fake SendGrid answers with the real API's statuses and bodies, and enforces the same rules. */
import { db } from './node'
import { seedState } from './seed'

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

describe('seed data', () => {
  it('is realistic: six or more pools, one named with a space, twenty or more documentation-range IPs', () => {
    const state = seedState()
    expect(state.pools.length).toBeGreaterThanOrEqual(6)
    expect(state.pools.some((pool) => pool.name.includes(' '))).toBe(true)
    expect(state.ips.length).toBeGreaterThanOrEqual(20)
    expect(state.ips.every(({ ip }) => /^(192\.0\.2\.|198\.51\.100\.|203\.0\.113\.|2001:db8:)/.test(ip))).toBe(true)
    const poolCount = (ip: string) => state.pools.filter((pool) => pool.ips.includes(ip)).length
    expect(state.ips.some(({ ip }) => poolCount(ip) > 1)).toBe(true)
    expect(state.ips.some(({ ip }) => poolCount(ip) === 0)).toBe(true)
    expect(state.ips.some(({ warmup }) => warmup)).toBe(true)
  })
})

describe('pools', () => {
  it('lists pools as [{name}]', async () => {
    const { status, body } = await call('GET', '/v3/ips/pools')
    expect(status).toBe(200)
    expect(body).toContainEqual({ name: 'transactional' })
  })

  it('creates a pool with 200 (not 201) and lists it', async () => {
    expect(await call('POST', '/v3/ips/pools', { name: 'EU / promo #1' })).toEqual({
      status: 200,
      body: { name: 'EU / promo #1' },
    })
    expect((await call('GET', '/v3/ips/pools')).body).toContainEqual({ name: 'EU / promo #1' })
    expect(await call('GET', `/v3/ips/pools/${encodeURIComponent('EU / promo #1')}`)).toEqual({
      status: 200,
      body: { pool_name: 'EU / promo #1', ips: [] },
    })
  })

  it('refuses a taken, short or dotted name with 400 on the name field', async () => {
    for (const name of ['marketing', 'x', '.dot']) {
      const { status, body } = await call('POST', '/v3/ips/pools', { name })
      expect(status).toBe(400)
      expect(body.errors[0].field).toBe('name')
    }
  })

  it('refuses the 101st pool', async () => {
    const existing = seedState().pools.length
    for (let i = existing; i < 100; i += 1)
      expect((await call('POST', '/v3/ips/pools', { name: `pool-${i}` })).status).toBe(200)
    const refused = await call('POST', '/v3/ips/pools', { name: 'one-too-many' })
    expect(refused.status).toBe(400)
    // SendGrid's words, on no field.
    expect(refused.body.errors[0]).toEqual({ field: '', message: '100 pools limit has been reached' })
  })

  it("answers a pool's IPs as objects", async () => {
    const { body } = await call('GET', '/v3/ips/pools/transactional')
    expect(body.pool_name).toBe('transactional')
    expect(body.ips[0]).toEqual({ ip: '192.0.2.10', start_date: null, warmup: false })
  })

  it('answers unknown pools with the documented 404 body of each endpoint', async () => {
    expect(await call('GET', '/v3/ips/pools/nope')).toEqual({
      status: 404,
      body: { errors: [{ field: 'error', message: 'Unable to locate specified IPs Pool' }] },
    })
    expect(await call('PUT', '/v3/ips/pools/nope', { name: 'other' })).toEqual({
      status: 404,
      body: { errors: [{ field: null, message: 'ip pool not found' }] },
    })
    expect(await call('DELETE', '/v3/ips/pools/nope')).toEqual({
      status: 404,
      body: { error: 'Unable to locate specified IPs Pool' },
    })
    expect(await call('POST', '/v3/ips/pools/nope/ips', { ip: '192.0.2.10' })).toEqual({
      status: 404,
      body: { errors: [{ field: null, message: 'resource not found' }] },
    })
  })

  it('renames a pool and keeps its IPs', async () => {
    expect(await call('PUT', '/v3/ips/pools/marketing', { name: 'Marketing (US)' })).toEqual({
      status: 200,
      body: { name: 'Marketing (US)' },
    })
    expect((await call('GET', '/v3/ips/pools/marketing')).status).toBe(404)
    expect((await call('GET', `/v3/ips/pools/${encodeURIComponent('Marketing (US)')}`)).body.ips).toHaveLength(5)
  })

  it('refuses to rename onto another pool’s name', async () => {
    const { status, body } = await call('PUT', '/v3/ips/pools/marketing', { name: 'transactional' })
    expect(status).toBe(400)
    expect(body.errors[0]).toEqual({ field: 'name', message: 'already exists' })
  })

  it('deletes a pool with 204 and leaves its IPs on the account', async () => {
    expect(await call('DELETE', '/v3/ips/pools/billing')).toEqual({ status: 204, body: undefined })
    const ips = (await call('GET', '/v3/ips?limit=500&offset=0')).body as { ip: string; pools: string[] }[]
    expect(ips.find((ip) => ip.ip === '192.0.2.13')).toMatchObject({ pools: [] })
  })

  it('keeps its state in the store it was given', async () => {
    await call('POST', '/v3/ips/pools', { name: 'kept' })
    expect((await call('GET', '/v3/ips/pools')).body).toContainEqual({ name: 'kept' })
    db.reset()
    expect((await call('GET', '/v3/ips/pools')).body).not.toContainEqual({ name: 'kept' })
  })
})

describe('pool IPs', () => {
  it('adds an account IP with 201 and the IP as SendGrid describes it', async () => {
    const { status, body } = await call('POST', '/v3/ips/pools/billing/ips', { ip: '203.0.113.50' })
    expect(status).toBe(201)
    expect(body).toEqual({ ip: '203.0.113.50', pools: ['billing'], start_date: null, warmup: false })
  })

  it('refuses an invalid address, one not on the account, and one already in the pool', async () => {
    for (const ip of ['not-an-ip', '10.0.0.1', '192.0.2.13']) {
      const { status, body } = await call('POST', '/v3/ips/pools/billing/ips', { ip })
      expect(status).toBe(400)
      expect(body.errors[0].field).toBe('ip')
    }
  })

  it('removes an IP with 204, and 404 when it is not in the pool', async () => {
    expect((await call('DELETE', '/v3/ips/pools/billing/ips/192.0.2.13')).status).toBe(204)
    expect(await call('DELETE', '/v3/ips/pools/billing/ips/192.0.2.13')).toEqual({
      status: 404,
      body: { error: 'IP address not found in this pool' },
    })
  })

  it('pages the account IPs by limit and offset', async () => {
    const first = (await call('GET', '/v3/ips?limit=10&offset=0')).body as unknown[]
    const rest = (await call('GET', '/v3/ips?limit=100&offset=10')).body as unknown[]
    expect(first).toHaveLength(10)
    expect(first.length + rest.length).toBe(seedState().ips.length)
  })
})

describe('reverse DNS', () => {
  it('lists a record per whitelabeled IP, with whether it is valid, and validates one by id', async () => {
    const { status, body } = await call('GET', '/v3/whitelabel/ips?limit=500&offset=0')
    expect(status).toBe(200)
    const legacy = body.find((record: { ip: string }) => record.ip === '203.0.113.99')
    expect(legacy).toMatchObject({ rdns: 'legacy.example.com', valid: false, a_record: { valid: false } })
    const checked = await call('POST', `/v3/whitelabel/ips/${legacy.id}/validate`)
    expect(checked.body).toMatchObject({
      id: legacy.id,
      valid: false,
      validation_results: { a_record: { valid: false } },
    })
    expect(checked.body.validation_results.a_record.reason).toMatch(/no such host/)
    expect((await call('POST', '/v3/whitelabel/ips/99999/validate')).status).toBe(404)
  })

  it('refuses to pool an IP without a valid reverse DNS record, as SendGrid does', async () => {
    const { status, body } = await call('POST', '/v3/ips/pools/billing/ips', { ip: '203.0.113.99' })
    expect(status).toBe(400)
    expect(body.errors[0]).toEqual({ field: 'ip', message: '203.0.113.99 does not have a valid reverse DNS record.' })
  })
})

describe('subusers', () => {
  it("lists the parent account's subusers and replaces one's whole list of IPs", async () => {
    const { body } = await call('GET', '/v3/subusers?limit=500&offset=0')
    expect(body.map((s: { username: string }) => s.username)).toEqual([
      'billing@example.com',
      'eu-team@example.com',
      'partners@example.com',
    ])
    expect(await call('PUT', `/v3/subusers/${encodeURIComponent('partners@example.com')}/ips`, ['192.0.2.10'])).toEqual(
      {
        status: 200,
        body: { ips: ['192.0.2.10'] },
      },
    )
    const ips = (await call('GET', '/v3/ips?limit=500&offset=0')).body as { ip: string; subusers: string[] }[]
    expect(ips.filter((ip) => ip.subusers.includes('partners@example.com')).map((ip) => ip.ip)).toEqual(['192.0.2.10'])
    expect((await call('PUT', '/v3/subusers/nobody/ips', [])).status).toBe(404)
    expect((await call('PUT', '/v3/subusers/partners%40example.com/ips', ['192.0.2.254'])).status).toBe(400)
  })
})
