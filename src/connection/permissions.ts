/**
 * Which pool actions may be taken, so the UI can say so before the server refuses: the API key's scopes, and on a
 * server a team signs in to, the user's role.
 */
import { useQuery } from '@tanstack/react-query'
import { MESSAGES } from '../shared/messages'
import type { Role } from './api'
import { connectionQueries } from './queries'

export const ACTION_SCOPES = {
  createPool: 'ips.pools.create',
  renamePool: 'ips.pools.update',
  deletePool: 'ips.pools.delete',
  addIp: 'ips.pools.ips.create',
  removeIp: 'ips.pools.ips.delete',
  startWarmup: 'ips.warmup.create',
  stopWarmup: 'ips.warmup.delete',
  createWebhook: 'user.webhooks.event.settings.create',
  signWebhook: 'user.webhooks.event.settings.update',
  testWebhook: 'user.webhooks.event.test.create',
} as const

export type PoolAction = keyof typeof ACTION_SCOPES

export const VIEWER_REASON = MESSAGES.viewer

export interface Permission {
  allowed: boolean
  /** Why not: the user is a viewer, or the key lacks a named scope. */
  reason?: string
}

/** Until the scopes are known (or when they cannot be read) every action is offered and the server decides. */
export function permissionFor(action: PoolAction, scopes: readonly string[] | undefined, role?: Role): Permission {
  if (role === 'viewer') return { allowed: false, reason: VIEWER_REASON }
  const scope = ACTION_SCOPES[action]
  if (!scopes || scopes.includes(scope)) return { allowed: true }
  return { allowed: false, reason: `This API key lacks the ${scope} permission.` }
}

/** The signed-in user's role, once the server has said. */
/** Whether the server holds the account's SendGrid key (undefined until its status is known). */
export function useKeyOnServer(): boolean | undefined {
  return useQuery(connectionQueries.status()).data?.keyOnServer
}

export function useRole(): Role | undefined {
  return useQuery(connectionQueries.status()).data?.session?.role
}

/** Every action's permission, for a page with several. */
export function usePermissions(): (action: PoolAction) => Permission {
  const scopes = useQuery(connectionQueries.scopes())
  const role = useRole()
  return (action) => permissionFor(action, scopes.data, role)
}

export function usePermission(action: PoolAction): Permission {
  return usePermissions()(action)
}

/** An admin of a dashboard people sign in to: sees who is signed in, and can end their sessions. */
export function useIsTeamAdmin(): boolean {
  const session = useQuery(connectionQueries.status()).data?.session
  return Boolean(session?.signInRequired && session.role === 'admin')
}
