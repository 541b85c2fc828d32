/**
 * The IPs feature as other features see it: the account's IPs and their data (calls, cache keys, changes, rules,
 * the warmup schedule) and the warmup dialog. It imports no pools code: an IP's own page, which changes its pools,
 * belongs to the pools feature.
 */
export type { AccountIp, ReverseDns, ReverseDnsCheck } from './api'
export { addressSet, canonicalIp, ipAddressProblem, ipsWithoutValidRdns, poolIpProblem, sameIp } from './ip-rules'
export { editPoolLists, ipChanges, ipQueries, ListChangedError } from './queries'
export { OVER_CAP_CONSEQUENCE, warmupPlanText, warmupSince } from './warmup-schedule'
export { WarmupDialog } from './lazy-dialogs'
