import { describe, expect, it } from 'vitest'
import { destinationProblem, isRefusedAddress } from './alert-destinations.ts'

describe('alert destinations', () => {
  it('refuse loopback, link-local, unspecified and metadata addresses in every spelling', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '0.0.0.0',
      '169.254.169.254',
      '100.100.100.200',
      '::1',
      '::',
      'fe80::1',
      'fd00:ec2::254',
      '::ffff:169.254.169.254',
      '[::ffff:127.0.0.1]',
    ])
      expect(isRefusedAddress(address), address).toBe(true)
    for (const address of ['192.0.2.10', '10.1.2.3', '2001:db8::1', 'hooks.slack.com'])
      expect(isRefusedAddress(address), address).toBe(false)
  })

  it('takes https to an outside host, and http or any address only to a listed host', () => {
    expect(destinationProblem('https://hooks.slack.com/services/T/B/x', [])).toBeNull()
    expect(destinationProblem('http://hooks.slack.com/services/T/B/x', [])).toMatch(/must be https/)
    // The URL parser reads 2852039166 and 0xa9fea9fe as 169.254.169.254.
    for (const inward of ['https://2852039166/', 'https://0xa9fea9fe/', 'https://[::1]/', 'https://x.localhost/'])
      expect(destinationProblem(inward, []), inward).toMatch(/must not point at/)
    expect(destinationProblem('https://user:pass@hooks.example.com/', [])).toMatch(/user name or password/)
    expect(destinationProblem('http://127.0.0.1:4390/hook', ['127.0.0.1'])).toBeNull()
    expect(destinationProblem('ftp://127.0.0.1/hook', ['127.0.0.1'])).toMatch(/https/)
  })
})
