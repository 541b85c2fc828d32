import { addressSet, canonicalIp, ipAddressProblem, poolIpProblem, sameIp, ipsWithoutValidRdns } from './ip-rules'

describe('ipAddressProblem', () => {
  it.each(['192.0.2.10', '255.255.255.255', '2001:db8::1', '::1', '::ffff:192.0.2.1', ' 198.51.100.7 '])(
    'accepts %s',
    (ip) => {
      expect(ipAddressProblem(ip)).toBeNull()
    },
  )

  it.each(['', '192.0.2', '192.0.2.256', '01.2.3.4', '192.0.2.1/24', '2001:db8::g', 'fe80::1%eth0', 'example.com'])(
    'refuses %j',
    (ip) => {
      expect(ipAddressProblem(ip)).not.toBeNull()
    },
  )

  it('says what is wrong', () => {
    expect(ipAddressProblem('')).toBe('Enter an IP address.')
    expect(ipAddressProblem('300.1.1.1')).toBe('“300.1.1.1” is not an IPv4 or IPv6 address.')
  })
})

describe('canonicalIp and sameIp', () => {
  it('treats differently written IPv6 addresses as one', () => {
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1')
    expect(sameIp('2001:DB8::1', '2001:db8:0::1')).toBe(true)
    expect(sameIp('192.0.2.1', '192.0.2.10')).toBe(false)
  })
})

describe('poolIpProblem', () => {
  const onAccount = addressSet(['192.0.2.10', '192.0.2.11', '2001:DB8:0::5'])

  it('accepts an account IP not yet in the pool', () => {
    expect(poolIpProblem('192.0.2.11', { inPool: addressSet(['192.0.2.10']), onAccount })).toBeNull()
    expect(poolIpProblem('2001:DB8::5', { inPool: addressSet([]), onAccount })).toBeNull()
  })

  it('refuses an IP that is not on the account', () => {
    expect(poolIpProblem('203.0.113.9', { onAccount })).toBe('203.0.113.9 is not an IP address on this account.')
  })

  it('refuses an IP already in the pool', () => {
    expect(poolIpProblem('192.0.2.10', { inPool: addressSet(['192.0.2.10']), onAccount })).toBe(
      '192.0.2.10 is already in this pool.',
    )
  })

  it('skips the account check while the account is not known', () => {
    expect(poolIpProblem('203.0.113.9', { inPool: addressSet([]) })).toBeNull()
  })
})

describe('ipsWithoutValidRdns', () => {
  it('counts a record that is not valid, or no record where /v3/ips says not whitelabeled; else the server decides', () => {
    const ips = [
      { ip: '192.0.2.1', whitelabeled: true },
      { ip: '192.0.2.2', whitelabeled: true },
      { ip: '192.0.2.3', whitelabeled: false },
      { ip: '192.0.2.4', whitelabeled: true },
      { ip: '2001:db8::1', whitelabeled: null },
    ]
    const records = [
      { ip: '192.0.2.1', valid: true },
      { ip: '192.0.2.2', valid: false },
      { ip: '2001:DB8::1', valid: false },
    ]
    expect(ipsWithoutValidRdns(ips, records)).toEqual(['192.0.2.2', '192.0.2.3', '2001:db8::1'])
  })
})
