/** The alerts, as the dashboard's server keeps them (or the demo's fake): /api/alerts/*. */
import { request } from '../lib/api-client'
import {
  ALERTS_PATH,
  type AlertChannel,
  type AlertChannelInput,
  type AlertRuleView,
  type AlertsView,
  type ChannelTestResult,
} from '../shared/alert-api'
import type { AlertRule } from '../shared/alerts'

export type AlertsFilter = { pool?: string; ip?: string }

export function getAlerts(filter: AlertsFilter, signal?: AbortSignal): Promise<AlertsView> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, value]) => value) as [string, string][])
  return request<AlertsView>(`${ALERTS_PATH}${query.size ? `?${query}` : ''}`, { signal })
}

export type RuleInput = Omit<AlertRule, 'id'> & { id?: string }

/** Adds a rule (no id) or changes one. */
export function saveRule({ id, ...rule }: RuleInput): Promise<AlertRuleView> {
  return id
    ? request(`${ALERTS_PATH}/rules/${encodeURIComponent(id)}`, { method: 'PUT', body: rule })
    : request(`${ALERTS_PATH}/rules`, { method: 'POST', body: rule })
}

export const deleteRule = (id: string) =>
  request<void>(`${ALERTS_PATH}/rules/${encodeURIComponent(id)}`, { method: 'DELETE' })

export const acknowledgeIncident = (id: string) =>
  request<void>(`${ALERTS_PATH}/incidents/${id}/acknowledge`, { method: 'POST' })

export interface MuteInput {
  ruleId: string
  /** The incident's scope key: "ip:192.0.2.10@microsoft". */
  scope: string
  until: string
}
export const muteRule = (mute: MuteInput) => request<void>(`${ALERTS_PATH}/mutes`, { method: 'PUT', body: mute })
export const unmuteRule = (mute: Omit<MuteInput, 'until'>) =>
  request<void>(`${ALERTS_PATH}/mutes`, { method: 'DELETE', body: mute })

export function saveChannel({ id, input }: { id?: string; input: AlertChannelInput }): Promise<AlertChannel> {
  return id
    ? request(`${ALERTS_PATH}/channels/${id}`, { method: 'PUT', body: input })
    : request(`${ALERTS_PATH}/channels`, { method: 'POST', body: input })
}
export const deleteChannel = (id: string) => request<void>(`${ALERTS_PATH}/channels/${id}`, { method: 'DELETE' })
export const testChannel = (id: string) =>
  request<ChannelTestResult>(`${ALERTS_PATH}/channels/${id}/test`, { method: 'POST', timeoutMs: 30_000 })
