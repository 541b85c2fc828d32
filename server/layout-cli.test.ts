/**
 * `npm run layout` as a pipeline runs it against a real dashboard server and a fake SendGrid: its exit codes (0 no
 * changes, 2 changes, 1 a file that cannot be applied or a refusal), its text and JSON, and an apply to the end.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFakeAccount } from '../e2e/servers/fake-account.ts'
import { main } from '../scripts/layout.ts'
import type { LayoutFile } from '../src/shared/layout-file.ts'
import { serverPool, sharedStore } from './testing'

const pool = serverPool()
const store = sharedStore()

async function setUp() {
  const fake = await startFakeAccount()
  pool.track(fake.server)
  const { base } = await pool.start({ apiKey: 'SG.server-key', upstream: fake.url, store: store() })
  const dir = mkdtempSync(join(tmpdir(), 'layout-'))
  const run = async (...argv: string[]) => {
    let out = ''
    let err = ''
    const code = await main(argv, {
      env: { DASHBOARD_URL: base },
      out: (text) => (out += text),
      err: (text) => (err += text),
      sleep: () => new Promise((done) => setTimeout(done, 20)),
    })
    return { code, out, err }
  }
  return { base, fake, dir, run, file: (name: string) => join(dir, name) }
}

describe('npm run layout', () => {
  it('exports the layout, plans an edit (exit 2), applies it, and then plans no changes (exit 0)', async () => {
    const { run, file } = await setUp()
    expect((await run('export', file('layout.json'))).code).toBe(0)
    const exported = JSON.parse(readFileSync(file('layout.json'), 'utf8')) as LayoutFile
    expect(exported.$schema).toMatch(/\/layout\.schema\.json$/)
    expect(exported.pools.find((one) => one.name === 'billing')!.ips).toEqual(['192.0.2.13', '192.0.2.40'])

    expect(await run('plan', file('layout.json'))).toMatchObject({ code: 0, out: expect.stringMatching(/^No changes/) })

    const edited = {
      ...exported,
      pools: [
        ...exported.pools.filter((one) => one.name !== 'cold-outreach'),
        { name: 'eu-billing', ips: ['192.0.2.40'] },
      ],
    }
    writeFileSync(file('edited.json'), JSON.stringify(edited))
    const planned = await run('plan', file('edited.json'))
    expect(planned.code).toBe(2)
    expect(planned.out).toContain('  + add 192.0.2.40 to “eu-billing”')
    expect(planned.out).toContain('  - delete pool “cold-outreach”')
    const json = await run('plan', file('edited.json'), '--json')
    expect(JSON.parse(json.out).plan.steps).toHaveLength(3)

    const applied = await run('apply', file('edited.json'))
    expect(applied.code).toBe(0)
    expect(applied.out).toMatch(/ {2}done {4}create pool “eu-billing”\n {2}done {4}add 192\.0\.2\.40 to “eu-billing”\n/)
    expect(applied.out).toContain('Applied: 1 pool to create, 1 IP to add, 1 pool to delete: all done.')
    expect((await run('plan', file('edited.json'))).code).toBe(0)
  })

  it('exits 1 with each problem of a bad file, a plan SendGrid would refuse, or a server it cannot reach', async () => {
    const { run, file, fake } = await setUp()
    writeFileSync(file('bad.json'), '{"version": 1, "pools": [{"name": "x", "ips": ["1.2.3"]}]}')
    const bad = await run('plan', file('bad.json'))
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('pools[0].name: must be 2 to 64 characters long (it has 1).')
    expect(bad.err).toContain('pools[0].ips[0]: "1.2.3" is not an IP address.')

    writeFileSync(
      file('refused.json'),
      JSON.stringify({ version: 1, pools: [{ name: 'legacy', ips: ['203.0.113.99'] }] }),
    )
    const sent = fake.changes().length
    const refused = await run('apply', file('refused.json'))
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('refused: Its reverse DNS is not valid')
    expect(fake.changes().length).toBe(sent)

    let err = ''
    const code = await main(['plan', file('refused.json')], {
      env: { DASHBOARD_URL: 'http://127.0.0.1:9' },
      out: () => undefined,
      err: (text) => (err += text),
    })
    expect(code).toBe(1)
    expect(err).toMatch(/^Could not reach the dashboard at http:\/\/127\.0\.0\.1:9/)
  })

  it('runs as `npm run layout` in a process of its own, with the exit code a pipeline reads', async () => {
    const { base, run, file } = await setUp()
    await run('export', file('layout.json'))
    const layout = JSON.parse(readFileSync(file('layout.json'), 'utf8')) as LayoutFile
    writeFileSync(file('more.json'), JSON.stringify({ ...layout, pools: [...layout.pools, { name: 'more', ips: [] }] }))
    const child = spawn('npm', ['run', '--silent', 'layout', '--', 'plan', file('more.json')], {
      env: { ...process.env, DASHBOARD_URL: base },
    })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    const code = await new Promise((done) => child.on('exit', done))
    expect(code).toBe(2)
    expect(out).toContain('  + create pool “more”')
  })
})
