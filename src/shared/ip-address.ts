/**
 * IP addresses in one spelling, wherever they come from (a person typing, SendGrid's lists, a webhook event): IPv4 in
 * four plain decimal parts, IPv6 compressed in lower case (RFC 5952), and an IPv4-mapped IPv6 address as its IPv4.
 */
import ipaddr from 'ipaddr.js'

/** `text` as its one normal form, or undefined when it is not an IPv4 or IPv6 address (zone ids are not). */
export function normalIp(text: string): string | undefined {
  const value = text.trim()
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value).toString()
  if (value.includes('%') || !ipaddr.IPv6.isValid(value)) return undefined
  const address = ipaddr.IPv6.parse(value)
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address.toRFC5952String()
}
