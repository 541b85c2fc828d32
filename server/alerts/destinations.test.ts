import { describe, expect, it } from 'vitest'
import { guardedLookup } from './destinations.ts'

const lookup = (hostname: string) =>
  new Promise<string>((resolve, reject) =>
    guardedLookup(hostname, {}, (error, address) => (error ? reject(error) : resolve(String(address)))),
  )

describe('connecting to an alert destination', () => {
  it('fails when the name resolves to an address inside, however the URL looked when saved', async () => {
    // A name re-pointed at this machine after it was saved is caught when the server connects.
    await expect(lookup('localhost')).rejects.toThrow(/resolves to (127\.0\.0\.1|::1), which is refused/)
    await expect(lookup('127.0.0.1')).rejects.toThrow(/refused/)
    await expect(lookup('192.0.2.10')).resolves.toBe('192.0.2.10')
  })
})
