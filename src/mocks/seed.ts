/** Realistic starting data for the fake SendGrid: addresses from the documentation ranges only (IPv4 and IPv6). */
import type { DemoIp, DemoPool, DemoState } from './state'

const DAY = 86_400

export function seedState(now = Date.now()): DemoState {
  const today = Math.floor(now / 1000 / DAY) * DAY
  const ip = (address: string, rdns: string, extra: Partial<DemoIp> = {}): DemoIp => ({
    ip: address,
    rdns,
    warmup: false,
    start_date: null,
    whitelabeled: true,
    subusers: [],
    assigned_at: today - 400 * DAY,
    ...extra,
  })
  const warming = (daysAgo: number): Partial<DemoIp> => ({
    warmup: true,
    start_date: today - daysAgo * DAY,
    assigned_at: today - (daysAgo + 2) * DAY,
  })

  const ips: DemoIp[] = [
    ip('192.0.2.10', 'o1.mail.example.com'),
    ip('192.0.2.11', 'o2.mail.example.com'),
    ip('192.0.2.12', 'o3.mail.example.com'),
    ip('192.0.2.13', 'o4.mail.example.com', { subusers: ['billing@example.com'] }),
    ip('192.0.2.14', 'o5.mail.example.com', warming(12)),
    ip('192.0.2.15', 'o6.mail.example.com', warming(3)),
    ip('192.0.2.40', 'o7.mail.example.com'),
    ip('192.0.2.41', 'o8.mail.example.com'),
    ip('198.51.100.20', 'news1.example.com'),
    ip('198.51.100.21', 'news2.example.com'),
    ip('198.51.100.22', 'news3.example.com'),
    ip('198.51.100.23', 'news4.example.com', warming(27)),
    ip('198.51.100.24', 'news5.example.com', warming(27)),
    ip('198.51.100.25', 'news6.example.com'),
    ip('198.51.100.60', 'eu1.example.com', { subusers: ['eu-team@example.com'] }),
    ip('198.51.100.61', 'eu2.example.com', { subusers: ['eu-team@example.com'] }),
    ip('203.0.113.5', 'notify1.example.com'),
    ip('203.0.113.6', 'notify2.example.com'),
    ip('203.0.113.7', 'notify3.example.com', warming(1)),
    ip('203.0.113.50', 'spare1.example.com', { assigned_at: today - 20 * DAY }),
    ip('203.0.113.51', 'spare2.example.com', { assigned_at: today - 6 * DAY }),
    ip('203.0.113.52', 'spare3.example.com', warming(8)),
    // Its reverse DNS record no longer resolves: it cannot join a pool until the record is fixed and validated.
    ip('203.0.113.99', 'legacy.example.com', { assigned_at: today - 1500 * DAY, rdnsValid: false }),
    ip('2001:db8:0:10::25', 'v6.eu1.example.com', { subusers: ['eu-team@example.com'] }),
    ip('2001:db8:0:10::26', 'v6.eu2.example.com', { subusers: ['eu-team@example.com'] }),
  ]

  return {
    version: 1,
    dataset: 'sample',
    ips,
    // Subusers the parent account has; some send from none of its IPs yet.
    subusers: ['billing@example.com', 'eu-team@example.com', 'partners@example.com'],
    // A webhook the account already has, for another system: connecting this dashboard must leave it alone.
    webhooks: [
      {
        id: '77d4a5da-4d2b-4a8e-a4ab-7c2d1c1b1e01',
        url: 'https://events.example.com/sendgrid',
        enabled: true,
        friendly_name: 'Data warehouse',
        public_key: '',
        delivered: true,
        bounce: true,
      },
    ],
    pools: [
      { name: 'transactional', ips: ['192.0.2.10', '192.0.2.11', '192.0.2.12', '192.0.2.14', '203.0.113.5'] },
      { name: 'marketing', ips: ['198.51.100.20', '198.51.100.21', '198.51.100.22', '198.51.100.23', '198.51.100.24'] },
      { name: 'Product updates', ips: ['198.51.100.22', '198.51.100.25', '192.0.2.15'] },
      { name: 'password-resets', ips: ['192.0.2.10', '203.0.113.6', '203.0.113.7'] },
      { name: 'billing', ips: ['192.0.2.13', '192.0.2.40'] },
      { name: 'eu-newsletters', ips: ['198.51.100.60', '198.51.100.61', '192.0.2.41', '2001:db8:0:10::25'] },
      { name: 'cold-outreach', ips: [] },
    ],
    // Rules an admin added beside the defaults, and where alerts go: the sample's problems open alerts of their own.
    alerts: {
      rules: [
        {
          id: 'rule-microsoft-deferred',
          measure: 'deferred',
          scope: { kind: 'every-ip', provider: 'microsoft' },
          threshold: 0.1,
          windowHours: 24,
          minVolume: 100,
          enabled: true,
        },
        {
          id: 'rule-yahoo-spam',
          measure: 'spam',
          scope: { kind: 'every-pool', provider: 'yahoo' },
          threshold: 1,
          windowHours: 24,
          minVolume: 500,
          enabled: true,
        },
      ],
      channels: [
        {
          id: '5f0c2a57-1d7e-4c3b-9a7e-2b1f4d6c8e01',
          kind: 'slack',
          name: '#deliverability',
          enabled: true,
          destination: 'hooks.slack.com/…',
        },
      ],
      mutes: [],
      incidents: [],
    },
  }
}

const LARGE_POOLS = 100
const LARGE_IPS = 5000

/**
 * The `?demo=large` account: 100 pools and 5,000 IPs, for trying the dashboard at full scale. Addresses come from
 * 198.18.0.0/15, the range set aside for benchmarks. The same every time: a fixed-seed generator picks warmup and
 * membership, so about one IP in ten is warming, one in ten is in no pool, and one in five is in two pools.
 */
export function largeSeedState(now = Date.now()): DemoState {
  const today = Math.floor(now / 1000 / DAY) * DAY
  let seed = 42
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  const names = ['transactional', 'marketing', 'Product updates', 'receipts', 'password-resets']
  const pools: DemoPool[] = Array.from({ length: LARGE_POOLS }, (_, i) => ({
    name: names[i] ?? `client-${String(i + 1).padStart(3, '0')}`,
    ips: [],
  }))
  const ips: DemoIp[] = Array.from({ length: LARGE_IPS }, (_, i) => {
    const address = `198.18.${i >> 8}.${i & 255}`
    const warming = random() < 0.1
    const placement = random()
    if (placement >= 0.1) pools[i % LARGE_POOLS]!.ips.push(address)
    if (placement >= 0.8) pools[(i * 7 + 3) % LARGE_POOLS]!.ips.push(address)
    const started = today - Math.floor(random() * 40) * DAY
    return {
      ip: address,
      rdns: `o${i + 1}.bulk.example.com`,
      warmup: warming,
      start_date: warming ? started : null,
      whitelabeled: true,
      subusers: i % 13 === 0 ? [`team-${i % 5}@example.com`] : [],
      assigned_at: started - 3 * DAY,
    }
  })
  return { version: 1, dataset: 'large', pools, ips }
}
