import type { AccountIp } from '../ips/api'

/** An IP on the account as the app holds it, with whatever a test cares about set. */
export function accountIp(ip: string, extra: Partial<AccountIp> = {}): AccountIp {
  return {
    ip,
    pools: [],
    warmup: false,
    startDate: null,
    rdns: null,
    whitelabeled: null,
    subusers: [],
    assignedAt: null,
    ...extra,
  }
}
