/**
 * Typed calls about the account's IPs, beside the pools they are in: the inventory (read to its last page), warmup,
 * reverse DNS records and subusers, normalised to the shapes the app uses.
 */
import { ACCOUNT_IPS_PAGES_AT_ONCE, nextOffset, readAllPages } from '../shared/paging'
import { ACCOUNT_IPS_PAGE_SIZE, accountIpsPage } from '../shared/account-ips-paging'
import { callSendGrid, callSendGridWithHeaders, fromIncident, sendGridRoute } from '../lib/sendgrid-call'

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

/** Every IP on the account, to the last page (see paging.ts). */
export async function listAccountIps(signal?: AbortSignal): Promise<AccountIp[]> {
  const ips = await readAllPages(
    async (offset) => {
      const { data, headers } = await callSendGridWithHeaders<RawAccountIp[] | null>(sendGridRoute('listIps'), {
        query: accountIpsPage(offset),
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

export async function stopWarmup(ip: string, incident?: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('stopWarmup', { ip_address: ip }), fromIncident(incident))
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
