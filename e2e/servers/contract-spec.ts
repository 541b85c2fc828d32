/**
 * The spec Prism serves for the contract run: SendGrid's official specs for every call the dashboard makes (IPs and
 * pools, warmup, reverse DNS, subusers, the Event Webhook's settings) and the small one for /v3/scopes, joined into one document, since Prism
 * serves one. Paths never repeat across them; a component defined twice must be defined alike.
 */
import { readFileSync, writeFileSync } from 'node:fs'

export const CONTRACT_SPECS = [
  'tsg_ips_v3.json',
  'tsg_ip_warmup_v3.json',
  'tsg_reverse_dns_v3.json',
  'tsg_subusers_v3.json',
  'tsg_webhooks_v3.json',
  'scopes_v3.json',
]

type Spec = { paths: Record<string, unknown>; components?: Record<string, Record<string, unknown>> }

export function writeContractSpec(target: string) {
  const specs = CONTRACT_SPECS.map((file) => JSON.parse(readFileSync(`e2e/fixtures/${file}`, 'utf8')) as Spec)
  const joined = { ...specs[0]!, info: { title: 'SendGrid APIs the dashboard calls', version: '1.0.0' } }
  joined.paths = {}
  joined.components = {}
  for (const [i, spec] of specs.entries()) {
    for (const [path, item] of Object.entries(spec.paths)) {
      if (path in joined.paths) throw new Error(`${path} is in two specs (${CONTRACT_SPECS[i]})`)
      joined.paths[path] = item
    }
    for (const [kind, items] of Object.entries(spec.components ?? {})) {
      const into = (joined.components[kind] ??= {})
      for (const [name, value] of Object.entries(items)) {
        if (name in into && JSON.stringify(into[name]) !== JSON.stringify(value)) {
          throw new Error(`components.${kind}.${name} differs in ${CONTRACT_SPECS[i]}`)
        }
        into[name] = value
      }
    }
  }
  writeFileSync(target, JSON.stringify(joined, null, 2))
}
