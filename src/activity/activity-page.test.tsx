/** The activity journal in the demo: every change the fake backend takes is listed, filtered and linked. */
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { db, server } from '../mocks/node'
import { findEnabledButton, renderApp } from '../test/render'

function journal(entries: { action: 'create' | 'rename' | 'remove-ip'; pool: string; user?: string; ok?: boolean }[]) {
  for (const { action, pool, user = 'ana@example.com', ok = true } of entries) {
    db.record({
      user,
      action,
      pool,
      ...(action === 'rename' ? { oldName: pool, newName: `${pool} EU` } : {}),
      ...(action === 'remove-ip' ? { ip: '192.0.2.10' } : {}),
      status: ok ? 200 : 400,
      ok,
      ...(ok ? {} : { message: 'already exists' }),
    })
  }
}

describe('the Activity page', () => {
  it('says a change sent without a recorded answer has an unknown outcome, never that it was done', async () => {
    db.record({ user: 'ana@example.com', action: 'delete', pool: 'transactional' })
    renderApp('/activity')
    const table = await screen.findByRole('table', { name: 'Activity' })
    const row = within(table).getAllByRole('row')[1]!
    expect(row).toHaveTextContent('Deleted pool transactional')
    expect(row).toHaveTextContent('Outcome unknown: check SendGrid')
    expect(row).not.toHaveTextContent('Done')
  })

  it('lists every change newest first, with who, what, links to the pools and the outcome', async () => {
    journal([
      { action: 'create', pool: 'newsletters' },
      { action: 'rename', pool: 'marketing', user: 'bo@example.com' },
      { action: 'create', pool: 'marketing', ok: false },
    ])
    renderApp('/activity')
    const table = await screen.findByRole('table', { name: 'Activity' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getAllByRole('cell')[2]!.textContent)).toEqual([
      'Created pool marketing',
      'Renamed pool marketing to marketing EU',
      'Created pool newsletters',
    ])
    expect(rows[0]).toHaveTextContent('Refused (400): already exists')
    expect(rows[1]).toHaveTextContent('bo@example.com')
    expect(within(rows[1]!).getByRole('link', { name: 'marketing EU' })).toHaveAttribute(
      'href',
      '/pools/marketing%20EU',
    )
  })

  it('ties a layout apply and its changes together, each linking to the apply, with the token it came with', async () => {
    const apply = '0190d6a4-0000-7000-8000-00000000a001'
    db.record({
      user: 'ana@example.com',
      action: 'create',
      pool: 'eu-billing',
      apply,
      token: 'deploy',
      status: 200,
      ok: true,
    })
    db.record({
      user: 'ana@example.com',
      action: 'layout-apply',
      apply,
      token: 'deploy',
      status: 200,
      ok: true,
      message: '1 pool to create: all done.',
    })
    renderApp('/activity')
    const table = await screen.findByRole('table', { name: 'Activity' })
    const [whole, change] = within(table).getAllByRole('row').slice(1)
    expect(whole).toHaveTextContent('Applied a pool layout: 1 pool to create: all done. with token “deploy”')
    expect(within(whole!).getByRole('link', { name: 'Applied a pool layout' })).toHaveAttribute(
      'href',
      `/layout?apply=${apply}`,
    )
    expect(change).toHaveTextContent('Created pool eu-billing (layout apply) with token “deploy”')
    expect(within(change!).getByRole('link', { name: 'layout apply' })).toHaveAttribute(
      'href',
      `/layout?apply=${apply}`,
    )
  })

  it('filters by pool and by who, and keeps the filters in the address', async () => {
    journal([
      { action: 'create', pool: 'newsletters' },
      { action: 'remove-ip', pool: 'marketing', user: 'bo@example.com' },
      { action: 'create', pool: 'billing', user: 'bo@example.com' },
    ])
    const { user, location } = renderApp('/activity')
    await screen.findByRole('table', { name: 'Activity' })
    await user.type(screen.getByRole('textbox', { name: 'Who (email)' }), 'bo@example.com')
    await user.type(screen.getByRole('textbox', { name: 'Pool' }), 'marketing{Enter}')
    expect(location().search).toBe('?pool=marketing&user=bo%40example.com')
    const table = await screen.findByRole('table', { name: 'Activity' })
    expect(await within(table).findAllByRole('row')).toHaveLength(2)
    expect(table).toHaveTextContent('Removed 192.0.2.10 from marketing')

    await user.click(screen.getByRole('button', { name: 'Show all' }))
    expect(location().search).toBe('')
    expect(await within(screen.getByRole('table', { name: 'Activity' })).findAllByRole('row')).toHaveLength(4)
  })

  it('journals a change made in the dashboard, and the pool page shows its last changes', async () => {
    const { user } = renderApp('/pools/marketing')
    await user.click(await findEnabledButton('Rename'))
    const field = await screen.findByLabelText(/Pool name/)
    await user.clear(field)
    await user.type(field, 'marketing EU{Enter}')
    // The page is the renamed pool's now: its own name is plain, the old one a link.
    await screen.findByRole('heading', { level: 1, name: 'marketing EU' })
    // Its recent changes load lazily, after the page.
    const recent = await screen.findByRole('region', { name: 'Recent changes' })
    await waitFor(() =>
      expect(within(recent).getAllByRole('listitem')[0]).toHaveTextContent(
        'you (demo) · Renamed pool marketing to “marketing EU”',
      ),
    )
    const [entry] = within(recent).getAllByRole('listitem')
    expect(within(entry!).getByRole('link', { name: 'marketing' })).toHaveAttribute('href', '/pools/marketing')
    expect(within(recent).getByRole('link', { name: 'All changes to this pool' })).toHaveAttribute(
      'href',
      '/activity?pool=marketing+EU',
    )
  })

  it('says so when nothing has changed yet', async () => {
    renderApp('/activity')
    expect(await screen.findByText('No changes yet. What anyone changes here shows up here.')).toBeInTheDocument()
  })
})

describe('a server that keeps no journal (the dev server)', () => {
  it('says so on the Activity page, and leaves the section out of a pool page', async () => {
    server.use(http.get('*/api/activity', () => new HttpResponse(null, { status: 404 })))
    renderApp('/activity')
    expect(await screen.findByText(/This server keeps no activity journal/)).toBeInTheDocument()
    cleanup()
    renderApp('/pools/marketing')
    await screen.findByRole('table', { name: 'IP addresses' })
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Recent changes' })).not.toBeInTheDocument())
    expect(screen.queryByText(/Could not load this pool's changes/)).not.toBeInTheDocument()
  })
})
