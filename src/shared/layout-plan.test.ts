import { readLayoutText, layoutText, type LayoutFile } from './layout-file'
import {
  accountAfter,
  fingerprintOf,
  planLayout,
  undoLayout,
  type AccountFacts,
  type AccountLayout,
} from './layout-plan'
import { runSteps, type PortAnswer } from './layout-run'
import { planText } from './layout-text'

const account: AccountLayout = {
  pools: [
    { name: 'marketing', ips: ['192.0.2.1', '192.0.2.2'] },
    { name: 'transactional', ips: ['192.0.2.3'] },
    { name: 'old', ips: ['192.0.2.4'] },
  ],
}
const facts: AccountFacts = {
  ips: ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '2001:db8::1'].map((ip) => ({
    ip,
    warmupStart: null,
    reverseDnsValid: true,
    subusers: [],
  })),
  sentLastWeek: { old: 132_902 },
  recentNames: [],
  now: Date.now(),
}
const file = (pools: LayoutFile['pools']): LayoutFile => ({ version: 1, pools })

describe('a layout file', () => {
  it('reads IPs as a set in one spelling, whatever their order or case', () => {
    const read = readLayoutText(
      JSON.stringify({ version: 1, pools: [{ name: 'a-pool', ips: ['2001:DB8::1', '192.0.2.2', '192.0.2.2'] }] }),
    )
    expect(read.layout?.pools[0]!.ips).toEqual(['192.0.2.2', '2001:db8::1'])
  })

  it('names each problem where it is: not JSON, a newer version, a pool twice, an unknown key', () => {
    expect(readLayoutText('{"version": 1,').problems?.[0]!.message).toMatch(/^The file is not JSON/)
    expect(readLayoutText('{"version": 2, "pools": []}').problems).toEqual([
      { at: 'version', message: 'is 2, newer than this dashboard reads (1).' },
    ])
    const twice = {
      version: 1,
      pools: [
        { name: 'ab', ips: [] },
        { name: 'ab', ips: [], ip: 'x' },
      ],
    }
    expect(readLayoutText(JSON.stringify(twice)).problems).toEqual([
      { at: 'pools[1].ip', message: 'is not part of a pool.' },
      { at: 'pools[1].name', message: '“ab” is also pools[0].' },
    ])
  })

  it('is written the same way however the pools and IPs came, and reads back as itself', () => {
    const a = layoutText(
      file([
        { name: 'bb', ips: ['192.0.2.10', '192.0.2.9'] },
        { name: 'aa', ips: [] },
      ]),
    )
    const b = layoutText(
      file([
        { name: 'aa', ips: [] },
        { name: 'bb', ips: ['192.0.2.9', '192.0.2.10'] },
      ]),
    )
    expect(a).toBe(b)
    expect(a.indexOf('192.0.2.9')).toBeLessThan(a.indexOf('192.0.2.10'))
    expect(layoutText(readLayoutText(a).layout!)).toBe(a)
  })
})

describe('a plan', () => {
  it('is empty for the account as it is, in any order', () => {
    const same = file([...account.pools].reverse().map((pool) => ({ ...pool, ips: [...pool.ips].reverse() })))
    expect(planLayout(account, same, facts).steps).toEqual([])
  })

  it('moves an IP as one change said on both sides, renames only when told, and deletes last', () => {
    const plan = planLayout(
      account,
      file([
        { name: 'marketing', ips: ['192.0.2.1'] },
        { name: 'transactional-eu', renamedFrom: 'transactional', ips: ['192.0.2.3', '192.0.2.2'] },
      ]),
      facts,
    )
    expect(planText(plan)).toBe(
      [
        '1 pool to rename, 1 IP to add, 1 IP to remove, 1 pool to delete.',
        '',
        'Pool “transactional-eu”',
        '  ~ rename pool “transactional” to “transactional-eu”',
        '  + add 192.0.2.2 to “transactional-eu” (moves from “marketing”)',
        '',
        'Pool “marketing”',
        '  - remove 192.0.2.2 from “marketing” (moves to “transactional-eu”)',
        '',
        'Pool “old”',
        '  - delete pool “old”',
        '      warning: It sent 132,902 messages in the last 7 days: mail still naming it goes out on other IPs.',
        '',
      ].join('\n'),
    )
  })

  it('once undone, leaves the account as it was, renames included', () => {
    const wanted = file([
      { name: 'marketing', ips: ['2001:db8::1'] },
      { name: 'tx', renamedFrom: 'transactional', ips: [] },
      { name: 'new', ips: ['192.0.2.4'] },
    ])
    const plan = planLayout(account, wanted, facts)
    const after = accountAfter(account, plan.steps)
    expect(planLayout(after, wanted, facts).steps).toEqual([])
    const undo = planLayout(after, undoLayout(account, plan.steps), facts)
    expect(fingerprintOf(accountAfter(after, undo.steps))).toBe(fingerprintOf(account))
    expect(undo.steps.filter((step) => step.kind === 'rename')).toEqual([
      { kind: 'rename', pool: 'tx', to: 'transactional', warnings: [] },
    ])
  })
})

describe('running steps', () => {
  const answer = (status: number, headers: PortAnswer['headers'] = {}): PortAnswer => ({ status, headers, body: '' })

  it('waits out a rate limit until the reset SendGrid names, then goes on', async () => {
    const waits: number[] = []
    const answers = [answer(429, { 'retry-after': '3' }), answer(201), answer(204)]
    const steps = planLayout(account, file([...account.pools, { name: 'new', ips: [] }]), facts).steps
    const results: string[] = []
    const said: string[] = []
    const outcome = await runSteps([...steps, ...steps].slice(0, 2), async () => answers.shift()!, {
      onStep: (_index, result) => void results.push(result.state),
      onWait: (index, result) => void said.push(`${index}: ${result.message}`),
      sleep: async (ms) => void waits.push(ms),
    })
    expect(waits).toEqual([3000])
    expect(said).toEqual(["0: waiting 3 s for SendGrid's rate limit to lift"])
    expect(results).toEqual(['done', 'done'])
    expect(outcome).toEqual({ done: 2 })
  })

  it('stops at the first refusal with SendGrid’s words, sending nothing after it', async () => {
    const steps = planLayout(account, file([]), facts).steps
    let sent = 0
    const outcome = await runSteps(
      steps,
      async () => {
        sent += 1
        return sent === 2 ? { status: 400, headers: {}, body: '{"errors":[{"message":"nope"}]}' } : answer(204)
      },
      { onStep: () => undefined },
    )
    expect(sent).toBe(2)
    expect(outcome).toEqual({ done: 1, stoppedAt: 1, result: { state: 'failed', message: 'nope' } })
  })
})
