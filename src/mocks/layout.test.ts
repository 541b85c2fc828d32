/** The demo's layout answers as the dashboard's server does: plan, apply step by step through the fake, undo. */
import type { ApplyView, PlanView } from '../shared/layout-api'
import type { LayoutFile } from '../shared/layout-file'
import { planText } from '../shared/layout-text'
import { db } from './node'

async function call<T>(method: string, path: string, body?: unknown) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T }
}

const ended = async (id: string) => {
  await vi.waitFor(async () =>
    expect((await call<ApplyView>('GET', `/api/layout/applies/${id}`)).body.status).not.toBe('running'),
  )
  return (await call<ApplyView>('GET', `/api/layout/applies/${id}`)).body
}

describe('the demo layout', () => {
  it('plans an edit of the sample, applies it through the fake SendGrid, journals it and undoes it', async () => {
    const exported = (await call<LayoutFile>('GET', '/api/layout?context=true')).body
    expect(exported.context?.ips?.['203.0.113.99']).toEqual({ reverseDnsValid: false })
    const layout: LayoutFile = {
      version: 1,
      pools: [
        ...exported.pools.filter((pool) => pool.name !== 'cold-outreach' && pool.name !== 'billing'),
        { name: 'billing-2027', renamedFrom: 'billing', ips: ['192.0.2.13'] },
      ],
    }
    const { body: planned } = await call<PlanView>('POST', '/api/layout/plan', { layout })
    expect(planText(planned.plan)).toContain('~ rename pool “billing” to “billing-2027”')
    expect(planned.plan.steps.map((step) => step.kind)).toEqual(['rename', 'remove', 'delete'])

    const started = await call<ApplyView>('POST', '/api/layout/applies', { layout, basedOn: planned.plan.basedOn })
    expect(started.status).toBe(202)
    const done = await ended(started.body.id)
    expect(done).toMatchObject({ status: 'done', undoable: true })
    expect(db.listPools().body).toContainEqual({ name: 'billing-2027' })
    const journal = (await call<{ entries: { action: string; apply?: string }[] }>('GET', '/api/activity')).body
    expect(journal.entries.filter((entry) => entry.apply === started.body.id).map((entry) => entry.action)).toEqual([
      'layout-apply',
      'delete',
      'remove-ip',
      'rename',
    ])

    const undo = await call<ApplyView>('POST', `/api/layout/applies/${started.body.id}/undo`)
    expect((await ended(undo.body.id)).status).toBe('done')
    expect((await call<PlanView>('POST', '/api/layout/plan', { layout: exported })).body.plan.steps).toEqual([])
  })

  it('refuses a plan made against another account state, with the plan as it is now', async () => {
    const layout = (await call<LayoutFile>('GET', '/api/layout')).body
    const edited = { ...layout, pools: [...layout.pools, { name: 'newsletters-2', ips: [] }] }
    const stale = await call<{ replan: PlanView }>('POST', '/api/layout/applies', {
      layout: edited,
      basedOn: '0'.repeat(16),
    })
    expect(stale.status).toBe(409)
    expect(stale.body.replan.plan.steps).toHaveLength(1)
  })
})
