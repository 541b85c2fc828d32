/** Which pool actions the API key may take, from its scopes, so the UI can say so before the server refuses. */
import { useQuery } from '@tanstack/react-query'
import { connectionQueries } from './queries'

export const ACTION_SCOPES = {
  createPool: 'ips.pools.create',
  renamePool: 'ips.pools.update',
  deletePool: 'ips.pools.delete',
  addIp: 'ips.pools.ips.create',
  removeIp: 'ips.pools.ips.delete',
  startWarmup: 'ips.warmup.create',
  stopWarmup: 'ips.warmup.delete',
} as const

export type PoolAction = keyof typeof ACTION_SCOPES

export interface Permission {
  allowed: boolean
  /** Why not, naming the missing scope. */
  reason?: string
}

/** Until the scopes are known (or when they cannot be read) every action is offered and the server decides. */
export function permissionFor(action: PoolAction, scopes: readonly string[] | undefined): Permission {
  const scope = ACTION_SCOPES[action]
  if (!scopes || scopes.includes(scope)) return { allowed: true }
  return { allowed: false, reason: `This API key lacks the ${scope} permission.` }
}

export function usePermission(action: PoolAction): Permission {
  const scopes = useQuery(connectionQueries.scopes())
  return permissionFor(action, scopes.data)
}
