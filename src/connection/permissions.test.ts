import { ALL_IP_SCOPES } from '../mocks/db'
import { ACTION_SCOPES, VIEWER_REASON, permissionFor } from './permissions'

describe('the scope each action needs', () => {
  it("is one of SendGrid's scopes, with the verb SendGrid uses for that change", () => {
    expect(ACTION_SCOPES).toEqual({
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
    })
    for (const scope of Object.values(ACTION_SCOPES)) expect(ALL_IP_SCOPES).toContain(scope)
  })

  it('is named when missing, and a viewer is told why whatever the key holds', () => {
    expect(permissionFor('stopWarmup', ['ips.warmup.create'])).toEqual({
      allowed: false,
      reason: 'This API key lacks the ips.warmup.delete permission.',
    })
    expect(permissionFor('stopWarmup', undefined)).toEqual({ allowed: true })
    expect(permissionFor('createPool', [...ALL_IP_SCOPES], 'viewer')).toEqual({ allowed: false, reason: VIEWER_REASON })
  })
})
