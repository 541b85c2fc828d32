/** Typed calls to SendGrid's v3 IP Pools API, with the answers normalised to the shapes the app uses. */
import { apiPath, request } from '../lib/api-client'

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
  startDate: number | null
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
}

export function normalisePoolIp(raw: RawPoolIp): PoolIp {
  if (typeof raw === 'string') return { ip: raw, warmup: null, startDate: null }
  return { ip: raw.ip, warmup: raw.warmup ?? null, startDate: raw.start_date ?? null }
}

export async function listPoolNames(signal?: AbortSignal): Promise<string[]> {
  const pools = await request<{ name: string }[] | null>('/v3/ips/pools', { signal })
  return (pools ?? []).map((pool) => pool.name)
}

export async function getPool(name: string, signal?: AbortSignal): Promise<PoolDetail> {
  const pool = await request<{ ips?: RawPoolIp[] | null }>(apiPath`/v3/ips/pools/${name}`, {
    signal,
  })
  // The pool is the one asked for: its name is its address, whatever a mock's canned answer says.
  return { name, ips: (pool.ips ?? []).map(normalisePoolIp) }
}

export async function createPool(name: string): Promise<string> {
  const pool = await request<{ name: string }>('/v3/ips/pools', { method: 'POST', body: { name } })
  return pool.name
}

export async function renamePool(name: string, newName: string): Promise<string> {
  const pool = await request<{ name: string }>(apiPath`/v3/ips/pools/${name}`, {
    method: 'PUT',
    body: { name: newName },
  })
  return pool.name
}

export async function deletePool(name: string): Promise<void> {
  await request<void>(apiPath`/v3/ips/pools/${name}`, { method: 'DELETE' })
}

export async function addIpToPool(pool: string, ip: string): Promise<PoolIp> {
  const added = await request<RawAddedIp>(apiPath`/v3/ips/pools/${pool}/ips`, { method: 'POST', body: { ip } })
  return normalisePoolIp(added)
}

export async function removeIpFromPool(pool: string, ip: string): Promise<void> {
  await request<void>(apiPath`/v3/ips/pools/${pool}/ips/${ip}`, { method: 'DELETE' })
}

export const ACCOUNT_IPS_PAGE_SIZE = 500

/** Every IP on the account. The API pages by limit/offset without a total, so read until a page comes back short. */
export async function listAccountIps(signal?: AbortSignal): Promise<AccountIp[]> {
  const all: AccountIp[] = []
  for (let offset = 0; ; offset += ACCOUNT_IPS_PAGE_SIZE) {
    const page = await request<RawAccountIp[] | null>(`/v3/ips?limit=${ACCOUNT_IPS_PAGE_SIZE}&offset=${offset}`, {
      signal,
    })
    for (const raw of page ?? []) {
      all.push({ ip: raw.ip, pools: raw.pools ?? [], warmup: raw.warmup ?? false, startDate: raw.start_date ?? null })
    }
    if (!page || page.length < ACCOUNT_IPS_PAGE_SIZE) return all
  }
}
