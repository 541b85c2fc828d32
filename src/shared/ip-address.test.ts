import { normalIp } from './ip-address'

describe('normalIp', () => {
  it('spells each address one way: IPv6 compressed in lower case, IPv4-mapped as IPv4', () => {
    expect(normalIp('198.51.100.20')).toBe('198.51.100.20')
    expect(normalIp(' 198.51.100.20 ')).toBe('198.51.100.20')
    expect(normalIp('DEAD:BEEF::')).toBe('dead:beef::')
    expect(normalIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1')
    expect(normalIp('::ffff:1.2.3.4')).toBe('1.2.3.4')
    expect(normalIp('::FFFF:0102:0304')).toBe('1.2.3.4')
  })

  it('finds no address in what is not one', () => {
    for (const text of [
      '',
      '....',
      'abc',
      '999.999.999.999',
      '127.1',
      '0x7f.0.0.1',
      '010.1.1.1',
      'fe80::1%eth0',
      '1::2::3',
    ])
      expect(normalIp(text), text).toBeUndefined()
  })
})
