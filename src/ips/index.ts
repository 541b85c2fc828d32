/**
 * The IPs feature as other features see it: the account's IPs and their data (calls, cache keys, changes, rules,
 * the warmup schedule). Its pages and dialogs are not here: they show pools too, and the app loads them itself.
 */
export type { AccountIp, ReverseDns, ReverseDnsCheck } from './api'
export { addressSet, canonicalIp, ipAddressProblem, ipsWithoutValidRdns, poolIpProblem, sameIp } from './ip-rules'
export { editPoolLists, ipChanges, ipQueries, ListChangedError } from './queries'
export { OVER_CAP_CONSEQUENCE, warmupPlanText, warmupSince } from './warmup-schedule'
export { ipPath } from './paths'
