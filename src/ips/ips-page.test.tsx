import { screen, waitFor, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { db, server } from '../mocks/node'
import { expectNotice, findEnabledButton, notifications, renderApp } from '../test/render'

const rows = () =>
  within(screen.getByRole('table', { name: 'IP addresses' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent)

describe('IP addresses page', () => {
  it('lists every IP on the account with its pools and warmup, sorted by address', async () => {
    renderApp('/ips')
    expect(await screen.findByText('25 on this account · 6 warming up · 5 in no pool')).toBeInTheDocument()
    const first = screen.getByRole('row', { name: /^192\.0\.2\.10 / })
    expect(within(first).getByRole('link', { name: 'transactional' })).toBeInTheDocument()
    expect(within(first).getByRole('link', { name: 'password-resets' })).toBeInTheDocument()
    expect(rows().slice(0, 3)).toEqual(['192.0.2.10', '192.0.2.11', '192.0.2.12'])
    expect(screen.getByRole('row', { name: /^192\.0\.2\.14 .*Warming up\s*since .*\(day 13\)/ })).toBeInTheDocument()
  })

  it('filters by "in no pool" and warming, keeping the view in the address', async () => {
    const { user, location } = renderApp('/ips')
    await screen.findByText(/25 on this account/)
    await user.click(screen.getByRole('combobox', { name: 'Pool' }))
    await user.click(await screen.findByRole('option', { name: 'In no pool' }))
    await user.click(screen.getByRole('checkbox', { name: 'Warming up only' }))
    await waitFor(() => expect(rows()).toEqual(['203.0.113.52']))
    expect(location().search).toBe('?nopool=1&warming=1')
  })

  it('opens on the view in the address: search, pool and sort', async () => {
    renderApp('/ips?pool=marketing&sort=ip&dir=desc&q=198.51')
    await waitFor(() =>
      expect(rows()).toEqual(['198.51.100.24', '198.51.100.23', '198.51.100.22', '198.51.100.21', '198.51.100.20']),
    )
    expect(screen.getByRole('searchbox', { name: 'Search addresses' })).toHaveValue('198.51')
  })

  it('starts warmup after saying what it does to sending volume', async () => {
    const { user } = renderApp('/ips?q=203.0.113.50')
    await user.click(await screen.findByRole('button', { name: 'Start warmup of 203.0.113.50' }))
    const dialog = await screen.findByRole('dialog', { name: 'Start warmup' })
    expect(dialog).toHaveTextContent('Sending volume from this IP drops until warmup ends.')
    await user.click(within(dialog).getByRole('button', { name: 'Start warmup' }))
    expect(await screen.findByRole('button', { name: 'Stop warmup of 203.0.113.50' })).toBeInTheDocument()
    expect(screen.getByRole('row', { name: /^203\.0\.113\.50 .*Warming up\s*since .*\(day 1\)/ })).toBeInTheDocument()
  })
})

describe('warmup permissions', () => {
  it('names the scope each action needs: ips.warmup.create to start, ips.warmup.delete to stop', async () => {
    server.use(http.get('*/v3/scopes', () => HttpResponse.json({ scopes: ['ips.read', 'ips.warmup.read'] })))
    renderApp('/ips')
    const stop = await screen.findByRole('button', { name: 'Stop warmup of 192.0.2.14' })
    await waitFor(() => expect(stop).toBeDisabled())
    expect(stop).toHaveAccessibleDescription(
      'Stop warmup is turned off: This API key lacks the ips.warmup.delete permission.',
    )
    expect(screen.getByRole('button', { name: 'Start warmup of 192.0.2.10' })).toHaveAccessibleDescription(
      'Start warmup is turned off: This API key lacks the ips.warmup.create permission.',
    )
  })
})

describe('reverse DNS on the IP addresses page', () => {
  it('says which records are valid, and validates one that is not, saying why it still fails', async () => {
    const { user } = renderApp('/ips?q=example.com')
    const valid = await screen.findByRole('row', { name: /^192\.0\.2\.10/ })
    await waitFor(() => expect(valid).toHaveTextContent(/o1\.mail\.example\.comValid/))
    expect(within(valid).queryByRole('button', { name: /Validate/ })).not.toBeInTheDocument()
    const row = screen.getByRole('row', { name: /^203\.0\.113\.99/ })
    await waitFor(() => expect(row).toHaveTextContent('Not valid: cannot join a pool'))
    await user.click(within(row).getByRole('button', { name: 'Validate the reverse DNS of 203.0.113.99' }))
    await expectNotice(
      'The reverse DNS record of 203.0.113.99 is still not valid: Failed to resolve A Record at legacy.example.com',
    )
  })
})

describe('subusers on the IP addresses page', () => {
  it('changes which subusers send from an IP, and filters by subuser in the address', async () => {
    const { user, location } = renderApp('/ips?q=192.0.2.10')
    const row = await screen.findByRole('row', { name: /^192\.0\.2\.10/ })
    await user.click(within(row).getByRole('button', { name: 'Change the subusers of 192.0.2.10' }))
    const dialog = await screen.findByRole('dialog', { name: 'Subusers of 192.0.2.10' })
    await user.click(await within(dialog).findByRole('checkbox', { name: 'partners@example.com' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('Subusers of 192.0.2.10 saved')
    await waitFor(() =>
      expect(screen.getByRole('row', { name: /^192\.0\.2\.10/ })).toHaveTextContent('partners@example.com'),
    )

    await user.click(screen.getByRole('combobox', { name: 'Subuser' }))
    await user.click(await screen.findByRole('option', { name: 'partners@example.com' }))
    expect(location().search).toBe('?q=192.0.2.10&subuser=partners%40example.com')
    await waitFor(() => expect(rows()).toEqual(['192.0.2.10']))
  })

  it("writes nothing when a subuser's list changed elsewhere since the page loaded, and says so", async () => {
    const { user } = renderApp('/ips?q=192.0.2.11')
    const row = await screen.findByRole('row', { name: /^192\.0\.2\.11/ })
    await user.click(within(row).getByRole('button', { name: 'Change the subusers of 192.0.2.11' }))
    const dialog = await screen.findByRole('dialog', { name: 'Subusers of 192.0.2.11' })
    await user.click(await within(dialog).findByRole('checkbox', { name: 'eu-team@example.com' }))
    // Someone else gives eu-team another IP meanwhile.
    await fetch('/v3/subusers/eu-team%40example.com/ips', {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(['198.51.100.60']),
    })
    const puts: string[] = []
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PUT') puts.push(request.url)
    })
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The IPs of eu-team@example.com were changed elsewhere since this page loaded (now 198.51.100.60). Nothing was saved',
    )
    expect(puts).toEqual([])
    expect(within(dialog).getByRole('checkbox', { name: 'eu-team@example.com' })).toBeChecked()
  })
})

describe("an IP's own page", () => {
  it('adds the IP to a pool it is not in, saying so with an Undo that takes it out again', async () => {
    const { user } = renderApp('/ips/203.0.113.50')
    await user.click(await findEnabledButton('Add 203.0.113.50 to a pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Add to pool' })
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    expect(within(dialog).getByRole('combobox', { name: 'Pool' })).toHaveAccessibleDescription(
      'Choose the pool to add it to.',
    )
    await user.click(within(dialog).getByRole('combobox', { name: 'Pool' }))
    await user.click(await screen.findByRole('option', { name: 'billing' }))
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    await expectNotice('203.0.113.50 added to “billing”')
    expect(JSON.stringify(db.getPool('billing').body)).toContain('203.0.113.50')
    expect(await screen.findByRole('link', { name: 'billing' })).toHaveAttribute('href', '/pools/billing')
    await user.click(within(notifications()).getByRole('button', { name: 'Undo adding 203.0.113.50 to “billing”' }))
    await expectNotice('Undone: 203.0.113.50 is out of “billing” again')
    expect(JSON.stringify(db.getPool('billing').body)).not.toContain('203.0.113.50')
  })

  it("keeps the dialog open with SendGrid's refusal at the field", async () => {
    const { user } = renderApp('/ips/203.0.113.99')
    await user.click(await findEnabledButton('Add 203.0.113.99 to a pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Add to pool' })
    await user.click(within(dialog).getByRole('combobox', { name: 'Pool' }))
    await user.click(await screen.findByRole('option', { name: 'billing' }))
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    await waitFor(() =>
      expect(within(dialog).getByRole('combobox', { name: 'Pool' })).toHaveAccessibleDescription(
        /does not have a valid reverse DNS record/,
      ),
    )
    expect(within(dialog).getByRole('combobox', { name: 'Pool' })).toHaveTextContent('billing')
  })

  it('starts and stops its warmup from beside its pools', async () => {
    const { user } = renderApp('/ips/203.0.113.51')
    expect(await screen.findByText('Not warming up: it may send at full volume.')).toBeInTheDocument()
    await user.click(await findEnabledButton('Start warmup'))
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Start warmup' })).getByRole('button', { name: 'Start warmup' }),
    )
    await expectNotice('Warmup of 203.0.113.51 started')
    expect(await screen.findByText(/^Warming up since [^:]+\.$/)).toBeInTheDocument()
    await user.click(await findEnabledButton('Stop warmup'))
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Stop warmup' })).getByRole('button', { name: 'Stop warmup' }),
    )
    await expectNotice('Warmup of 203.0.113.51 stopped')
  })
})
