/** Typed calls to SendGrid's v3 IP Pools API, with the answers normalised to the shapes the app uses. */
import { callSendGrid, fromIncident, sendGridRoute } from '../lib/sendgrid-call'

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

/** The spec says a pool's IPs are strings; the live API has been seen to send objects. Both are accepted. */
type RawPoolIp = string | { ip: string; start_date?: number | null; warmup?: boolean | null }

interface RawAddedIp {
  ip: string
  pools?: string[]
  start_date?: number | null
  warmup?: boolean
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

export async function addIpToPool(pool: string, ip: string, incident?: string): Promise<PoolIp> {
  const added = await callSendGrid<RawAddedIp>(sendGridRoute('addPoolIp', { pool_name: pool }), {
    body: { ip },
    ...fromIncident(incident),
  })
  return normalisePoolIp(added)
}

export async function removeIpFromPool(pool: string, ip: string, incident?: string): Promise<void> {
  await callSendGrid<void>(sendGridRoute('removePoolIp', { pool_name: pool, ip }), fromIncident(incident))
}
