import { emptyTotals } from '../shared/delivery'
import { accountIp as ip } from '../test/fixtures'
import { filterRows, ipSortKey, ipsToCsv, paramsFromView, searchTexts, sortRows, viewFromParams } from './ip-view'

const inventory = [
  ip('192.0.2.10', { pools: ['marketing'], rdns: 'o1.mail.example.com', assignedAt: 300 }),
  ip('192.0.2.9', { pools: ['transactional', 'marketing'], warmup: true, startDate: 100, assignedAt: 100 }),
  ip('2001:db8::1', { rdns: 'v6.example.com', assignedAt: 200 }),
  ip('198.51.100.1', { warmup: true, startDate: 50 }),
]
const address = new Map(inventory.map(({ ip: one }) => [one, ipSortKey(one)]))
// 192.0.2.10 crosses two thresholds, 198.51.100.1 one; 2001:db8::1 sent nothing.
const concern = new Map([
  ['192.0.2.10', 20.3],
  ['192.0.2.9', 0.02],
  ['198.51.100.1', 10.2],
  ['2001:db8::1', -1],
])
const flagged = new Set(['192.0.2.10', '198.51.100.1'])
const view = (query: string) => viewFromParams(new URLSearchParams(query))
const shown = (query: string, withDelivery = true) => {
  const v = view(query)
  const keys = withDelivery ? { address, concern } : { address }
  return filterRows(
    sortRows(inventory, v.sort, v.desc, keys),
    v,
    searchTexts(inventory),
    withDelivery ? flagged : undefined,
  ).map(({ ip: one }) => one)
}

describe('the IP addresses view', () => {
  it('sorts addresses numerically by default, IPv4 before IPv6', () => {
    expect(shown('')).toEqual(['192.0.2.9', '192.0.2.10', '198.51.100.1', '2001:db8::1'])
    expect(shown('dir=desc')).toEqual(['2001:db8::1', '198.51.100.1', '192.0.2.10', '192.0.2.9'])
  })

  it('filters by pool, by no pool, by warming and by search, together', () => {
    expect(shown('pool=marketing')).toEqual(['192.0.2.9', '192.0.2.10'])
    expect(shown('nopool=1')).toEqual(['198.51.100.1', '2001:db8::1'])
    expect(shown('warming=1')).toEqual(['192.0.2.9', '198.51.100.1'])
    expect(shown('warming=1&nopool=1')).toEqual(['198.51.100.1'])
    expect(shown('q=mail.example')).toEqual(['192.0.2.10'])
    expect(shown('q=db8')).toEqual(['2001:db8::1'])
  })

  it('sorts by any column', () => {
    expect(shown('sort=assigned')).toEqual(['198.51.100.1', '192.0.2.9', '2001:db8::1', '192.0.2.10'])
    expect(shown('sort=warmup')).toEqual(['198.51.100.1', '192.0.2.9', '192.0.2.10', '2001:db8::1'])
    expect(shown('sort=pools')[0]).toBe('198.51.100.1')
  })

  it('sorts by delivery, those needing a look first, and filters to them', () => {
    expect(shown('sort=delivery')).toEqual(['192.0.2.10', '198.51.100.1', '192.0.2.9', '2001:db8::1'])
    expect(shown('sort=delivery&dir=desc')).toEqual(['2001:db8::1', '192.0.2.9', '198.51.100.1', '192.0.2.10'])
    expect(shown('flagged=1')).toEqual(['192.0.2.10', '198.51.100.1'])
    expect(shown('flagged=1&warming=1')).toEqual(['198.51.100.1'])
    // Until the figures are known, "needing a look" selects nothing rather than everything, and sorting keeps order.
    expect(shown('flagged=1', false)).toEqual([])
    expect(shown('sort=delivery', false)).toEqual(['192.0.2.9', '192.0.2.10', '198.51.100.1', '2001:db8::1'])
  })

  it('round-trips through the address, leaving out defaults and ignoring nonsense', () => {
    const query = 'q=192&pool=EU+%2F+promo&warming=1&sort=rdns&dir=desc&page=3'
    expect(paramsFromView(view(query)).toString()).toBe(query)
    expect(paramsFromView(view('sort=bogus&page=-2&dir=up')).toString()).toBe('')
  })
})

describe('ipsToCsv', () => {
  it('exports the rows with their pools, warmup, dates and reverse DNS', () => {
    expect(ipsToCsv([inventory[1]!, ip('203.0.113.5', { pools: ['EU, "promo"'] })]).split('\r\n')).toEqual([
      '\uFEFFip,pools,warming_up,warmup_started,reverse_dns,subusers,assigned',
      '192.0.2.9,transactional; marketing,yes,1970-01-01,,,1970-01-01',
      '203.0.113.5,"EU, ""promo""",no,,,,',
      '',
    ])
  })

  it("adds each IP's last 7 days and what needs a look, where the server keeps figures", () => {
    const totals = { ...emptyTotals(), delivered: 1_700, deferred: 280, bounce: 10 }
    const delivery = { '192.0.2.10': { totals, flags: ['Deferred 16.4 % at Microsoft'] } }
    expect(ipsToCsv([inventory[0]!, inventory[2]!], delivery).split('\r\n')).toEqual([
      '\uFEFFip,pools,warming_up,warmup_started,reverse_dns,subusers,assigned,sent_7d,delivered_pct,bounced_pct,' +
        'blocked_pct,deferred_pct,needs_a_look',
      '192.0.2.10,marketing,no,,o1.mail.example.com,,1970-01-01,1710,99.42,0.58,0.00,16.37,Deferred 16.4 % at Microsoft',
      '2001:db8::1,,no,,v6.example.com,,1970-01-01,0,,,,,',
      '',
    ])
  })
})
