import { generateKeyPairSync, sign } from 'node:crypto'
import { publicKeyOf, signatureProblem } from './signature.ts'

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
const key = publicKeyOf(publicKey.export({ format: 'der', type: 'spki' }).toString('base64'))
const body = Buffer.from('[{"event":"delivered"}]\r\n')
const NOW = 1_800_000_000

const signatureAt = (timestamp: string) =>
  sign('sha256', Buffer.concat([Buffer.from(timestamp), body]), { key: privateKey, dsaEncoding: 'der' }).toString(
    'base64',
  )
const problemAt = (offset: number) => {
  const timestamp = String(NOW + offset)
  return signatureProblem(key, signatureAt(timestamp), timestamp, body, NOW)
}

describe('the Signed Event Webhook signature', () => {
  it('holds up to five minutes either side of now, and not a second more', () => {
    expect([problemAt(-300), problemAt(0), problemAt(300)]).toEqual([undefined, undefined, undefined])
    expect([problemAt(-301), problemAt(301)]).toEqual(['stale', 'stale'])
  })

  it('does not hold for other bytes, a signature that is not one, or a timestamp that is not a number', () => {
    const timestamp = String(NOW)
    const signature = signatureAt(timestamp)
    expect(signatureProblem(key, signature, timestamp, Buffer.from('[]\r\n'), NOW)).toBe('bad')
    expect(signatureProblem(key, 'not-a-signature', timestamp, body, NOW)).toBe('bad')
    expect(signatureProblem(key, signature, `${timestamp}.0`, body, NOW)).toBe('stale')
    expect(signatureProblem(key, undefined, timestamp, body, NOW)).toBe('missing')
  })
})
