/**
 * The Signed Event Webhook: ECDSA (P-256, SHA-256) over the timestamp header's bytes and then the raw body, with the
 * public key SendGrid gives (base64 DER SubjectPublicKeyInfo) and the signature as base64 DER. Checked on the exact
 * bytes received, before anything parses them.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature'
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp'
/** How far the signed timestamp may be from now. */
export const TOLERANCE_SECONDS = 5 * 60

export function publicKeyOf(base64: string): KeyObject {
  return createPublicKey({ key: Buffer.from(base64.trim(), 'base64'), format: 'der', type: 'spki' })
}

/** A key's short name for people to compare: SHA-256 of its DER, as SSH shows a key's (SHA256:…, 16 characters). */
export function fingerprintOf(key: KeyObject): string {
  const der = key.export({ format: 'der', type: 'spki' })
  return `SHA256:${createHash('sha256').update(der).digest('base64').slice(0, 16)}`
}

export type SignatureProblem = 'missing' | 'stale' | 'bad'

/** Why a batch's signature does not hold, or undefined when it does. */
export function signatureProblem(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowSeconds = Date.now() / 1000,
): SignatureProblem | undefined {
  if (!signature || !timestamp) return 'missing'
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Number(timestamp) - nowSeconds) > TOLERANCE_SECONDS) return 'stale'
  try {
    const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body])
    return verify('sha256', signed, { key, dsaEncoding: 'der' }, Buffer.from(signature, 'base64')) ? undefined : 'bad'
  } catch {
    return 'bad'
  }
}
