import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { db, server } from '../mocks/node'
import { seedState } from '../mocks/seed'
import { expectNotice, findEnabledButton, renderApp } from '../test/render'

describe('pool list', () => {
  it('lists the pools as links to their pages, with the count against the limit', async () => {
    renderApp('/pools')
    expect(await screen.findByRole('link', { name: 'Product updates' })).toHaveAttribute(
      'href',
      '/pools/Product%20updates',
    )
    expect(screen.getByRole('heading', { level: 1, name: 'IP pools' })).toBeInTheDocument()
    expect(screen.getByText(`${seedState().pools.length} pools (up to 100 allowed)`)).toBeInTheDocument()
  })

  it('says in the navigation how many pools and IPs need a look, once the account has been read', async () => {
    renderApp('/pools')
    const nav = await screen.findByRole('navigation', { name: 'Main' })
    // billing, eu-newsletters and marketing (for its IP); billing's two IPs, eu-newsletters' two and marketing's one.
    expect(await within(nav).findByRole('link', { name: 'Pools, 3 need a look' })).toHaveAttribute('href', '/pools')
    expect(within(nav).getByRole('link', { name: 'IP addresses, 5 need a look' })).toHaveAttribute('href', '/ips')
    expect(within(nav).getByRole('link', { name: 'Activity' })).toBeInTheDocument()
  })

  it("flags a pool for one of its IPs' problems at one provider, and names the IP", async () => {
    const { user, location } = renderApp('/pools')
    const marketing = await screen.findByRole('row', { name: /^marketing / })
    await waitFor(() => expect(marketing).toHaveTextContent(/198\.51\.100\.23: Deferred 1\d\.\d % at Microsoft/))
    await user.click(screen.getByRole('button', { name: 'Needing a look only' }))
    expect(location().search).toBe('?flagged=1')
    const table = screen.getByRole('table', { name: 'IP pools' })
    expect(
      within(table)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['billing', 'eu-newsletters', 'marketing'])
  })

  it('narrows the table as you type and keeps the filter in the address', async () => {
    const { user, location } = renderApp('/pools')
    await screen.findByRole('link', { name: 'transactional' })
    await user.type(screen.getByRole('searchbox', { name: 'Filter pools' }), 'MARK')
    const table = screen.getByRole('table', { name: 'IP pools' })
    expect(
      within(table)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['marketing'])
    expect(location().search).toBe('?q=MARK')
  })

  it('starts from the filter in the address', async () => {
    renderApp('/pools?q=zzz')
    expect(await screen.findByText('No pool matches “zzz”.')).toBeInTheDocument()
    expect(screen.getByRole('searchbox', { name: 'Filter pools' })).toHaveValue('zzz')
  })

  it('says when there are no pools yet', async () => {
    db.replace({ ...seedState(), pools: [] })
    renderApp('/pools')
    expect(await screen.findByRole('heading', { name: 'No pools yet' })).toBeInTheDocument()
    expect(screen.getByText('0 pools (up to 100 allowed)')).toBeInTheDocument()
  })

  it('shows a failed load in words, and Retry loads again', async () => {
    server.use(
      http.get(
        '*/v3/ips/pools',
        () => HttpResponse.json({ errors: [{ field: null, message: 'too many requests' }] }, { status: 500 }),
        { once: true },
      ),
    )
    const { user } = renderApp('/pools')
    expect(await screen.findByText('Could not load the pools')).toBeInTheDocument()
    expect(screen.getByText('too many requests')).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByRole('link', { name: 'marketing' })).toBeInTheDocument()
    expect(screen.queryByText('Could not load the pools')).not.toBeInTheDocument()
  })

  it('keeps the pools on screen when a later refresh fails, and says so', async () => {
    const { queryClient } = renderApp('/pools')
    await screen.findByRole('link', { name: 'marketing' })
    server.use(http.get('*/v3/ips/pools', () => new HttpResponse(null, { status: 503 })))
    await queryClient.refetchQueries()
    expect(await screen.findByText('Could not refresh the pools; showing what was loaded before')).toBeInTheDocument()
    expect(screen.getByText('The server had a problem (503). Try again in a moment.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'marketing' })).toBeInTheDocument()
  })

  it('disables Create pool at 100 pools and says why', async () => {
    const state = seedState()
    db.replace({ ...state, pools: Array.from({ length: 100 }, (_, i) => ({ name: `pool-${i}`, ips: [] })) })
    renderApp('/pools')
    const create = await screen.findByRole('button', { name: 'Create pool' })
    await waitFor(() => expect(create).toBeDisabled())
    expect(create).toHaveAccessibleDescription(
      'The limit of 100 pools has been reached. Delete a pool to create another.',
    )
    expect(screen.getByText('100 pools (up to 100 allowed)')).toBeInTheDocument()
  })
})

describe('create pool dialog', () => {
  it('creates a pool, closes, lists it and says so', async () => {
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Create pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Create pool' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Pool name' }), 'newsletters{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(await screen.findByRole('link', { name: 'newsletters' })).toBeInTheDocument()
    await expectNotice('Pool “newsletters” created')
  })

  it('shows a broken rule at the field and sends nothing', async () => {
    const requests: string[] = []
    server.events.on('request:start', ({ request }) => void requests.push(request.method))
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Create pool'))
    const field = await screen.findByRole('textbox', { name: 'Pool name' })
    for (const [input, message] of [
      ['x', /between 2 and 64 characters/],
      ['.x', /cannot start with a dot or a space/],
      ['marketing', /already exists/],
    ] as const) {
      await user.clear(field)
      await user.type(field, input)
      await user.click(screen.getByRole('button', { name: 'Create' }))
      expect(field).toHaveAccessibleDescription(message)
      expect(field).toBeInvalid()
    }
    expect(requests).not.toContain('POST')
  })

  it('keeps the dialog open with the name typed when the server refuses', async () => {
    server.use(
      http.post('*/v3/ips/pools', () =>
        HttpResponse.json({ errors: [{ field: '', message: '100 pools limit has been reached' }] }, { status: 400 }),
      ),
    )
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Create pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Create pool' })
    await user.type(within(dialog).getByRole('textbox', { name: 'Pool name' }), 'newsletters')
    await user.click(within(dialog).getByRole('button', { name: 'Create' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('100 pools limit has been reached')
    expect(within(dialog).getByRole('textbox', { name: 'Pool name' })).toHaveValue('newsletters')
  })

  it('after a refusal that came at once, the dialog can be sent again', async () => {
    server.use(
      http.post(
        '*/v3/ips/pools',
        () => HttpResponse.json({ errors: [{ field: 'name', message: 'already exists' }] }, { status: 400 }),
        {
          once: true,
        },
      ),
    )
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Create pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Create pool' })
    const field = within(dialog).getByRole('textbox', { name: 'Pool name' })
    await user.type(field, 'newsletters{Enter}')
    await waitFor(() => expect(field).toHaveAccessibleDescription('A pool named “newsletters” already exists.'))
    await user.type(field, '{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('Pool “newsletters” created')
  })

  it('closes on Escape without creating anything', async () => {
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Create pool'))
    await user.type(await screen.findByRole('textbox', { name: 'Pool name' }), 'draft')
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(screen.queryByRole('link', { name: 'draft' })).not.toBeInTheDocument()
  })
})

describe('checking a pool name', () => {
  it('finds the pool name in a Mail Send body and says, with the closest names, when no pool has it exactly', async () => {
    const { user } = renderApp('/pools')
    await user.click(await findEnabledButton('Check a pool name'))
    const dialog = await screen.findByRole('dialog', { name: 'Check a pool name' })
    const field = within(dialog).getByRole('textbox', { name: /Pool name, Mail Send JSON or X-SMTPAPI header/ })
    await user.click(field)
    await user.paste('{"from":{"email":"a@example.com"},"ip_pool_name":"Marketing"}')
    await user.click(within(dialog).getByRole('button', { name: 'Check' }))
    const verdict = within(dialog).getByRole('status')
    expect(verdict).toHaveTextContent(
      'The Mail Send body names “Marketing”, and no pool has exactly that name. SendGrid ignores it without a word',
    )
    expect(verdict).toHaveTextContent('Did you mean marketing (differs in case)?')

    await user.clear(field)
    await user.paste('X-SMTPAPI: {"ip_pool":"transactional"}')
    await user.click(within(dialog).getByRole('button', { name: 'Check' }))
    expect(within(dialog).getByRole('status')).toHaveTextContent(
      'The X-SMTPAPI header names “transactional”, which matches the pool transactional exactly',
    )
    await user.click(within(within(dialog).getByRole('status')).getByRole('link', { name: 'transactional' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'transactional' })).toBeInTheDocument()
  })
})
