/** Typed calls to SendGrid's v3 IP Pools API, with the answers normalised to the shapes the app uses. */
import { callSendGrid, callSendGridWithHeaders, sendGridRoute } from '../lib/sendgrid-call'
import { ACCOUNT_IPS_PAGES_AT_ONCE, ACCOUNT_IPS_PAGE_SIZE, nextOffset, readAllPages } from './paging'

export { ACCOUNT_IPS_PAGES_AT_ONCE, ACCOUNT_IPS_PAGE_SIZE }

export interface PoolIp {
  ip: string
  /** null where the API answered with a bare address and so did not say. */
  warmup: boolean | null
  /** When warmup started, in Unix seconds; null when not warming or not known. */
  startDate: number | null
}

export interface PoolDetail {
  name: string
  ips: PoolIp[]
}

export interface AccountIp {
  ip: string
  pools: string[]
  warmup: boolean
  /** When warmup started, in Unix seconds. */
  startDate: number | null
  rdns: string | null
  /** Whether it has a reverse DNS record, as GET /v3/ips says; null when not said. */
  whitelabeled: boolean | null
  subusers: string[]
  /** When the IP was assigned to the account, in Unix seconds. */
  assignedAt: number | null
}

/** The spec says a pool's IPs are strings; the live API has been seen to send objects. Both are accepted. */
type RawPoolIp = string | { ip: string; start_date?: number | null; warmup?: boolean | null }

interface RawAddedIp {
  ip: string
  pools?: string[]
  start_date?: number | null
  warmup?: boolean
}

interface RawAccountIp {
  ip: string
  pools?: string[] | null
  warmup?: boolean
  start_date?: number | null
  rdns?: string | null
  whitelabeled?: boolean | null
  subusers?: string[] | null
  assigned_at?: number | null
}

function normaliseAccountIp(raw: RawAccountIp): AccountIp {
  return {
    ip: raw.ip,
    pools: raw.pools ?? [],
    warmup: raw.warmup ?? false,
    startDate: raw.start_date ?? null,
    rdns: raw.rdns || null,
    whitelabeled: raw.whitelabeled ?? null,
    subusers: raw.subusers ?? [],
    assignedAt: raw.assigned_at ?? null,
  }
}

export function normalisePoolIp(raw: RawPoolIp): PoolIp {
  if (typeof raw === 'string') return { ip: raw, warmup: null, startDate: null }
  return { ip: raw.ip, warmup: raw.warmup ?? null, startDate: raw.start_date ?? null }
}

export async function listPoolNames(signal?: AbortSignal): Promise<string[]> {
  const pools = await callSendGrid<{ name: string }[] | null>(sendGridRoute('listPools'), { signal })
  return (pools ?? []).map((pool) => pool.name)
}

export async function getPool(name: string, signal?: AbortSignal): Promise<PoolDetail> {
  const pool = await callSendGrid<{ ips?: RawPoolIp[] | null }>(sendGridRoute('getPool', { pool_name: name }), {
    signal,
  })
  // The pool is the one asked for: its name is its address, whatever a mock's canned answer says.
  return { name, ips: (pool.ips ?? []).map(normalisePoolIp) }
}

export async function createPool(name: string): Promise<string> {
  const pool = await callSendGrid<{ name: string }>(sendGridRoute('createPool'), { body: { name } })
  return pool.name
}

export async function renamePool(name: string, newName: string): Promise<string> {
  const pool = await callSendGrid<{ name: string }>(sendGridRoute('renamePool', { pool_name: name }), {
    body: { name: newName },
  })
  return pool.name
}

export async function deletePool(name: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('deletePool', { pool_name: name }))
}

export async function addIpToPool(pool: string, ip: string): Promise<PoolIp> {
  const added = await callSendGrid<RawAddedIp>(sendGridRoute('addPoolIp', { pool_name: pool }), { body: { ip } })
  return normalisePoolIp(added)
}

export async function removeIpFromPool(pool: string, ip: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('removePoolIp', { pool_name: pool, ip }))
}

/** Every IP on the account, to the last page (see paging.ts). */
export async function listAccountIps(signal?: AbortSignal): Promise<AccountIp[]> {
  const ips = await readAllPages(
    async (offset) => {
      const { data, headers } = await callSendGridWithHeaders<RawAccountIp[] | null>(sendGridRoute('listIps'), {
        query: { limit: ACCOUNT_IPS_PAGE_SIZE, offset },
        signal,
      })
      return { items: (data ?? []).map(normaliseAccountIp), next: nextOffset(headers.get('Link')) }
    },
    { pagesAtOnce: ACCOUNT_IPS_PAGES_AT_ONCE, key: (ip) => ip.ip },
  )
  return ips
}

export async function startWarmup(ip: string): Promise<void> {
  await callSendGrid<unknown>(sendGridRoute('startWarmup'), { body: { ip } })
}

export async function stopWarmup(ip: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('stopWarmup', { ip_address: ip }))
}

/** An IP's reverse DNS record (GET /v3/whitelabel/ips): pools only work with IPs whose record is valid. */
export interface ReverseDns {
  id: number
  ip: string
  rdns: string
  valid: boolean
}

export interface ReverseDnsCheck {
  valid: boolean
  /** Why it is not valid, in SendGrid's words. */
  reason: string | null
}

const PAGE = ACCOUNT_IPS_PAGE_SIZE

/** Every reverse DNS record of the account, paged like the IPs (see paging.ts). */
export async function listReverseDns(signal?: AbortSignal): Promise<ReverseDns[]> {
  return readAllPages(
    async (offset) => {
      const { data, headers } = await callSendGridWithHeaders<ReverseDns[] | null>(sendGridRoute('listReverseDns'), {
        query: { limit: PAGE, offset },
        signal,
      })
      const items = (data ?? []).map(({ id, ip, rdns, valid }) => ({ id, ip, rdns, valid: Boolean(valid) }))
      return { items, next: nextOffset(headers.get('Link')) }
    },
    { pagesAtOnce: ACCOUNT_IPS_PAGES_AT_ONCE, key: (record) => String(record.id) },
  )
}

export async function validateReverseDns(id: number): Promise<ReverseDnsCheck> {
  const answer = await callSendGrid<{
    valid?: boolean
    validation_results?: { a_record?: { reason?: string | null } }
  }>(sendGridRoute('validateReverseDns', { id: String(id) }))
  return { valid: Boolean(answer.valid), reason: answer.validation_results?.a_record?.reason ?? null }
}

/** The parent account's subusers, by username. */
export async function listSubusers(signal?: AbortSignal): Promise<string[]> {
  const subusers = await readAllPages(
    async (offset) => {
      const { data, headers } = await callSendGridWithHeaders<{ username: string }[] | null>(
        sendGridRoute('listSubusers'),
        { query: { limit: PAGE, offset }, signal },
      )
      return { items: (data ?? []).map((s) => s.username), next: nextOffset(headers.get('Link')) }
    },
    { pagesAtOnce: 1, key: (username) => username },
  )
  return subusers
}

/** Replaces a subuser's whole list of IPs (SendGrid has no call to add or remove one). */
export async function setSubuserIps(subuser: string, ips: readonly string[]): Promise<void> {
  await callSendGrid<unknown>(sendGridRoute('setSubuserIps', { subuser_name: subuser }), { body: ips })
}
