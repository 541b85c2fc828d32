import { screen, waitFor, within } from '@testing-library/react'
import type { UserEvent } from '@testing-library/user-event'
import { HttpResponse, delay, http } from 'msw'
import { db, server } from '../mocks/node'
import { seedState } from '../mocks/seed'
import { emptyTotals, PROVIDERS } from '../shared/delivery'
import { expectNotice, findEnabledButton, notifications, renderApp } from '../test/render'

const emptyStats = {
  range: '7d',
  totals: emptyTotals(),
  providers: PROVIDERS.map((provider) => ({ provider, totals: emptyTotals() })),
  series: [],
}

const ipCells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row', { hidden: true })
    .slice(1)
    // The address itself, without the "Added just now" mark an IP added from here carries for a minute.
    .map((row) => within(row).getAllByRole('cell', { hidden: true })[0]!.firstChild!.textContent)

describe('pool detail', () => {
  it("shows the pool's IPs with their warmup state", async () => {
    renderApp('/pools/Product%20updates')
    expect(await screen.findByRole('heading', { level: 1, name: 'Product updates' })).toBeInTheDocument()
    const table = await screen.findByRole('table', { name: 'IP addresses' })
    expect(ipCells(table)).toEqual(['198.51.100.22', '198.51.100.25', '192.0.2.15'])
    const warming = within(table).getByRole('row', { name: /192\.0\.2\.15/ })
    expect(warming).toHaveTextContent(/Warming up.*\(day 4\)/)
    expect(screen.getByRole('link', { name: 'IP pools' })).toHaveAttribute('href', '/pools')
    expect(screen.getByRole('button', { name: 'Remove 192.0.2.15' })).toBeInTheDocument()
  })

  it('shows a "Pool not found" page with a way back for a pool that does not exist', async () => {
    renderApp('/pools/gone')
    expect(await screen.findByRole('heading', { level: 1, name: 'Pool not found' })).toBeInTheDocument()
    expect(screen.getByText('There is no pool named “gone”. It may have been renamed or deleted.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to IP pools' })).toHaveAttribute('href', '/pools')
  })

  it('shows markup in a pool name as text', async () => {
    server.use(http.get('*/v3/ips/pools/:name', () => HttpResponse.json({ pool_name: '<b>x</b>', ips: ['192.0.2.1'] })))
    renderApp(`/pools/${encodeURIComponent('<b>x</b>')}`)
    expect(await screen.findByRole('heading', { level: 1, name: '<b>x</b>' })).toBeInTheDocument()
    expect(document.querySelector('main b')).toBeNull()
    // A bare-address answer does not say whether the IP is warming up: say "not known" rather than guess.
    expect(await screen.findByText('Not known')).toBeInTheDocument()
  })
})

describe('delivery figures', () => {
  it("shows how the pool's mail is doing, counted from the Event Webhook", async () => {
    renderApp('/pools/marketing')
    const delivery = await screen.findByRole('region', { name: 'Delivery' })
    // The figures, "Sent" first, and each provider's volume in its table.
    const [figure] = await within(delivery).findAllByText('Sent')
    expect(figure!.tagName).toBe('DT')
    const providers = within(delivery).getByRole('table', { name: 'By mailbox provider' })
    expect(within(providers).getByRole('columnheader', { name: 'Sent' })).toBeInTheDocument()
    expect(within(delivery).getByRole('button', { name: /^7d/ })).toHaveAttribute('aria-pressed', 'true')
  })

  it("shows each IP's last 7 days beside its Move and Remove, with what needs a look", async () => {
    renderApp('/pools/marketing')
    const table = await screen.findByRole('table', { name: 'IP addresses' })
    expect(await within(table).findByRole('columnheader', { name: 'Delivery, last 7 days' })).toBeInTheDocument()
    const row = within(table).getByRole('row', { name: /^198\.51\.100\.23 / })
    expect(row).toHaveTextContent(/\d+\.\d % delivered of [\d,]+ sent/)
    expect(row).toHaveTextContent(/Deferred 1\d\.\d % at Microsoft/)
    expect(within(row).getByRole('button', { name: 'Remove 198.51.100.23' })).toBeInTheDocument()
  })

  it('keeps the chosen period in the address, so a reload or a shared link shows the same', async () => {
    const { user, location } = renderApp('/pools/marketing?range=24h')
    const delivery = await screen.findByRole('region', { name: 'Delivery' })
    expect(within(delivery).getByRole('button', { name: /^24h/ })).toHaveAttribute('aria-pressed', 'true')
    await user.click(within(delivery).getByRole('button', { name: /^30d/ }))
    expect(location().search).toBe('?range=30d')
    expect(within(delivery).getByRole('button', { name: /^30d/ })).toHaveAttribute('aria-pressed', 'true')
  })

  it('says how to connect the webhook while no event has arrived, instead of zeros', async () => {
    server.use(http.get('*/api/delivery', () => HttpResponse.json({ ...emptyStats, connected: false })))
    const { user } = renderApp('/pools/marketing')
    const delivery = await screen.findByRole('region', { name: 'Delivery' })
    expect(await within(delivery).findByRole('note')).toHaveTextContent('No delivery events have arrived yet')
    expect(within(delivery).queryByText('Sent')).not.toBeInTheDocument()
    // Connect opens the steps, starting with the address to give SendGrid.
    await user.click(within(delivery).getByRole('button', { name: 'Connect' }))
    const dialog = await screen.findByRole('dialog', { name: 'Connect the Event Webhook' })
    expect(await within(dialog).findByText(/\/webhooks\/sendgrid\/events$/)).toBeInTheDocument()
  })

  it('shows no panel on a server that keeps no figures (the dev server)', async () => {
    let asked = false
    server.use(
      http.get('*/api/delivery', () => {
        asked = true
        return HttpResponse.json(
          { errors: [{ field: null, message: 'Nothing is at GET /api/delivery.' }] },
          { status: 404 },
        )
      }),
    )
    renderApp('/pools/marketing')
    await waitFor(() => expect(asked).toBe(true))
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Delivery' })).not.toBeInTheDocument())
    expect(screen.getByRole('heading', { level: 1, name: 'marketing' })).toBeInTheDocument()
  })
})

describe('rename', () => {
  it('renames the pool and replaces the address with the new one', async () => {
    const { user, location } = renderApp('/pools/marketing')
    await user.click(await findEnabledButton('Rename'))
    const dialog = await screen.findByRole('dialog', { name: 'Rename pool' })
    expect(within(dialog).getByText(/Mail that still names “marketing”/)).toBeInTheDocument()
    const field = within(dialog).getByRole('textbox', { name: 'Pool name' })
    expect(field).toHaveValue('marketing')
    await user.clear(field)
    await user.type(field, 'EU / promo #1{Enter}')
    expect(await screen.findByRole('heading', { level: 1, name: 'EU / promo #1' })).toBeInTheDocument()
    expect(location().pathname).toBe('/pools/EU%20%2F%20promo%20%231')
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toHaveLength(5)
    await user.click(screen.getByRole('link', { name: 'IP pools' }))
    expect(await screen.findByRole('link', { name: 'EU / promo #1' })).toBeInTheDocument()
    expect(screen.queryByRole('link', { name: 'marketing' })).not.toBeInTheDocument()
  })

  it('offers Undo, which gives the pool its old name back', async () => {
    const { user } = renderApp('/pools/marketing')
    await user.click(await findEnabledButton('Rename'))
    const field = within(await screen.findByRole('dialog')).getByRole('textbox', { name: 'Pool name' })
    await user.clear(field)
    await user.type(field, 'promo{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('Pool “marketing” renamed to “promo”')
    await user.click(within(notifications()).getByRole('button', { name: 'Undo rename to “promo”' }))
    await expectNotice('Undone: the pool is named “marketing” again')
    expect(db.getPool('marketing').status).toBe(200)
    expect(db.getPool('promo').status).toBe(404)
  })

  it('keeps the dialog open with the new name when the server refuses', async () => {
    server.use(
      http.put('*/v3/ips/pools/:name', () =>
        HttpResponse.json(
          { errors: [{ field: null, message: 'missing required scope: ips.pools.update' }] },
          { status: 403 },
        ),
      ),
    )
    const { user } = renderApp('/pools/marketing')
    await user.click(await findEnabledButton('Rename'))
    const field = await screen.findByRole('textbox', { name: 'Pool name' })
    await user.clear(field)
    await user.type(field, 'promo{Enter}')
    const dialog = screen.getByRole('dialog', { name: 'Rename pool' })
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'This API key lacks the ips.pools.update permission.',
    )
    expect(field).toHaveValue('promo')
  })

  it('refuses an unchanged or taken name at the field', async () => {
    const { user } = renderApp('/pools/marketing')
    await user.click(await findEnabledButton('Rename'))
    const field = await screen.findByRole('textbox', { name: 'Pool name' })
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(field).toHaveAccessibleDescription('Enter a new name for the pool.')
    await user.clear(field)
    await user.type(field, 'transactional')
    expect(field).toHaveAccessibleDescription('A pool named “transactional” already exists.')
  })
})

describe('delete pool', () => {
  it('lists the IPs that leave, deletes, and returns to the list with a message', async () => {
    const { user, location } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Delete pool'))
    const dialog = await screen.findByRole('dialog', { name: 'Delete pool' })
    expect(
      within(dialog).getByText(/These 2 IP addresses leave the pool\. They stay on your account/),
    ).toBeInTheDocument()
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['192.0.2.13', '192.0.2.40'])
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect(await screen.findByRole('heading', { level: 1, name: 'IP pools' })).toBeInTheDocument()
    expect(location().pathname).toBe('/pools')
    await expectNotice('Pool “billing” deleted')
    await waitFor(() => expect(screen.queryByRole('link', { name: 'billing' })).not.toBeInTheDocument())
  })
})

describe('add IP', () => {
  it('adds IPs picked from the account and typed, several at once', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const dialog = await screen.findByRole('dialog', { name: 'Add IP address' })
    const field = within(dialog).getByRole('combobox', { name: 'IP address' })
    await user.type(field, 'spare1')
    // Suggestions show reverse DNS and where each IP is, and can be searched by either.
    await user.click(await screen.findByRole('option', { name: /203\.0\.113\.50.*spare1\.example\.com.*in no pool/ }))
    await user.type(field, '203.0.113.51{Enter}')
    expect(within(dialog).getAllByRole('button', { name: /203\.0\.113\.5[01]/ })).toHaveLength(2)
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toEqual([
      '192.0.2.13',
      '192.0.2.40',
      '203.0.113.50',
      '203.0.113.51',
    ])
    await expectNotice('2 IPs added to “billing”')
  })

  it('checks each address before sending', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const field = await screen.findByRole('combobox', { name: 'IP address' })
    await waitFor(() => expect(field).toHaveAccessibleDescription(/Pick from the 23 account IPs not in this pool/))
    await user.click(screen.getByRole('button', { name: 'Add' }))
    expect(field).toHaveAccessibleDescription('Choose or type at least one IP address.')
    for (const [input, message] of [
      ['192.0.2', '“192.0.2” is not an IPv4 or IPv6 address.'],
      ['2001:db8::99', '2001:db8::99 is not an IP address on this account.'],
      ['192.0.2.13', '192.0.2.13 is already in this pool.'],
    ]) {
      await user.clear(field)
      await user.type(field, input!)
      await user.click(screen.getByRole('button', { name: 'Add' }))
      expect(field).toHaveAccessibleDescription(message!)
    }
    expect(screen.getByRole('dialog', { name: 'Add IP address' })).toBeInTheDocument()
  })

  it('reports each IP when some go in and some do not, keeping the failed ones to retry', async () => {
    server.use(
      http.post('*/v3/ips/pools/:name/ips', async ({ request }) => {
        const { ip } = (await request.clone().json()) as { ip: string }
        if (ip === '203.0.113.51') {
          return HttpResponse.json({ errors: [{ field: null, message: 'IP is not whitelabeled' }] }, { status: 400 })
        }
      }),
    )
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const dialog = await screen.findByRole('dialog', { name: 'Add IP address' })
    await user.type(
      within(dialog).getByRole('combobox', { name: 'IP address' }),
      '203.0.113.50{Enter}203.0.113.51{Enter}',
    )
    await user.click(within(dialog).getByRole('button', { name: 'Add' }))
    const report = await within(dialog).findByRole('alert')
    expect(report).toHaveTextContent('Added 203.0.113.50; 1 not added.')
    expect(report).toHaveTextContent('203.0.113.51: IP is not whitelabeled')
    expect(
      within(dialog)
        .getAllByRole('button', { name: /203\.0\.113\.5/ })
        .map((chip) => chip.textContent),
    ).toEqual(['203.0.113.51'])
    // Behind the open dialog, the page already lists the one that went in.
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses', hidden: true }))).toContain('203.0.113.50')
  })

  it('cannot be sent twice while the request runs', async () => {
    // A slow answer, as a real network gives: the lock must hold for the whole request.
    server.use(
      http.post('*/v3/ips/pools/:name/ips', async () => {
        await delay(150)
      }),
    )
    let posts = 0
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') posts += 1
    })
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    await user.type(await screen.findByRole('combobox', { name: 'IP address' }), '203.0.113.51')
    const add = screen.getByRole('button', { name: 'Add' })
    await user.dblClick(add)
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posts).toBe(1)
  })
})

describe('remove IP', () => {
  it('asks first, then removes the IP from the table', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await screen.findByRole('button', { name: 'Remove 192.0.2.40' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove IP address' })
    expect(dialog).toHaveTextContent('Remove 192.0.2.40 from the pool “billing”?')
    await user.click(within(dialog).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toEqual(['192.0.2.13'])
    await waitFor(() => expect(screen.getByRole('heading', { name: 'IP addresses' })).toHaveFocus())
  })

  it('offers Undo, which puts the IP back and says so', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await screen.findByRole('button', { name: 'Remove 192.0.2.40' }))
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('192.0.2.40 removed from “billing”')
    await user.click(within(notifications()).getByRole('button', { name: 'Undo removal of 192.0.2.40 from “billing”' }))
    await expectNotice('Undone: 192.0.2.40 is back in “billing”')
    await waitFor(() =>
      expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toEqual(['192.0.2.13', '192.0.2.40']),
    )
    expect(db.getPool('billing').body).toMatchObject({ ips: [{ ip: '192.0.2.13' }, { ip: '192.0.2.40' }] })
  })

  it('F8 takes the keyboard to Undo, and back once it is used', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await screen.findByRole('button', { name: 'Remove 192.0.2.40' }))
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }))
    const heading = screen.getByRole('heading', { name: 'IP addresses' })
    await waitFor(() => expect(heading).toHaveFocus())
    await expectNotice('192.0.2.40 removed from “billing”')
    await user.keyboard('{F8}')
    expect(within(notifications()).getByRole('button', { name: /^Undo removal of 192\.0\.2\.40/ })).toHaveFocus()
    await user.keyboard('{Enter}')
    expect(heading).toHaveFocus()
    await expectNotice('Undone: 192.0.2.40 is back in “billing”')
  })

  it('says what could not be undone, and why', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await screen.findByRole('button', { name: 'Remove 192.0.2.40' }))
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('192.0.2.40 removed from “billing”')
    db.deletePool('billing')
    await user.click(within(notifications()).getByRole('button', { name: /^Undo removal/ }))
    await expectNotice('Could not put 192.0.2.40 back in “billing”: ')
  })

  it('queues notices: a second one joins the first in the same live region', async () => {
    const { user } = renderApp('/pools/billing')
    for (const ip of ['192.0.2.40', '192.0.2.13']) {
      await user.click(await screen.findByRole('button', { name: `Remove ${ip}` }))
      await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Remove' }))
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    }
    await expectNotice('192.0.2.40 removed from “billing”')
    expect(notifications()).toHaveTextContent('192.0.2.13 removed from “billing”')
    // Each Undo says which change it puts back.
    expect(
      within(notifications())
        .getAllByRole('button', { name: /^Undo/ })
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['Undo removal of 192.0.2.40 from “billing”', 'Undo removal of 192.0.2.13 from “billing”'])
  })
})

/** SendGrid takes the IP into the new pool but fails, once, to let it out of the old one. */
const failRemoveOnce = () =>
  server.use(
    http.delete(
      '*/v3/ips/pools/:name/ips/:ip',
      () => HttpResponse.json({ errors: [{ field: null, message: 'Service unavailable' }] }, { status: 503 }),
      { once: true },
    ),
  )

/** Opens the Move dialog of 192.0.2.40 on billing's page, chooses marketing and sends it; returns the dialog. */
async function moveToMarketing(user: UserEvent) {
  await user.click(await screen.findByRole('button', { name: 'Move 192.0.2.40' }))
  const dialog = await screen.findByRole('dialog', { name: 'Move IP address' })
  await user.click(within(dialog).getByRole('combobox', { name: 'Move to pool' }))
  await user.click(await screen.findByRole('option', { name: 'marketing' }))
  await user.click(within(dialog).getByRole('button', { name: 'Move' }))
  return dialog
}

describe('move IP', () => {
  it('moves an IP to another pool in one action', async () => {
    const { user } = renderApp('/pools/billing')
    await moveToMarketing(user)
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toEqual(['192.0.2.13'])
    await expectNotice('192.0.2.40 moved from “billing” to “marketing”')
  })

  it('says the IP is in both pools when the second step fails, and finishes on retry', async () => {
    failRemoveOnce()
    const { user } = renderApp('/pools/billing')
    const dialog = await moveToMarketing(user)
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '192.0.2.40 was added to “marketing” but is still in “billing”, so it is in both pools.',
    )
    await user.click(within(dialog).getByRole('button', { name: 'Finish move' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toEqual(['192.0.2.13'])
  })

  it('remembers a half-done move when the dialog is closed, and can leave the IP in both pools', async () => {
    failRemoveOnce()
    const { user } = renderApp('/pools/billing')
    let dialog = await moveToMarketing(user)
    await within(dialog).findByRole('button', { name: 'Finish move' })
    await user.keyboard('{Escape}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    await user.click(screen.getByRole('button', { name: 'Move 192.0.2.40' }))
    dialog = await screen.findByRole('dialog', { name: 'Move IP address' })
    expect(within(dialog).getByRole('alert')).toHaveTextContent('192.0.2.40 was added to “marketing” but is still in')
    expect(within(dialog).queryByRole('combobox')).not.toBeInTheDocument()
    await user.click(within(dialog).getByRole('button', { name: 'Leave in both' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    await expectNotice('192.0.2.40 stays in both “billing” and “marketing”')

    await user.click(screen.getByRole('button', { name: 'Move 192.0.2.40' }))
    dialog = await screen.findByRole('dialog', { name: 'Move IP address' })
    expect(within(dialog).getByRole('button', { name: 'Move' })).toBeInTheDocument()
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument()
  })

  it('offers Undo, which moves the IP back', async () => {
    const { user } = renderApp('/pools/billing')
    await moveToMarketing(user)
    await expectNotice('192.0.2.40 moved from “billing” to “marketing”')
    await user.click(within(notifications()).getByRole('button', { name: 'Undo move of 192.0.2.40 to “marketing”' }))
    await expectNotice('Undone: 192.0.2.40 is back in “billing” and out of “marketing”')
    await waitFor(() => expect(ipCells(screen.getByRole('table', { name: 'IP addresses' }))).toContain('192.0.2.40'))
    expect(JSON.stringify(db.getPool('marketing').body)).not.toContain('192.0.2.40')
  })

  it('keeps every cell true through a rename and its Undo, for an IP moved in just before', async () => {
    // SendGrid may take a minute to list a new member: the page shows it meanwhile from what this browser noted.
    db.setMemberLag(60)
    const { user, location } = renderApp('/pools/billing')
    await moveToMarketing(user)
    await expectNotice('192.0.2.40 moved from “billing” to “marketing”')
    await user.click(screen.getByRole('link', { name: 'IP pools' }))
    await user.click(await screen.findByRole('link', { name: 'marketing' }))
    await user.click(await findEnabledButton('Rename'))
    const field = within(await screen.findByRole('dialog')).getByRole('textbox', { name: 'Pool name' })
    await user.clear(field)
    await user.type(field, 'promo{Enter}')
    await waitFor(() => expect(location().pathname).toBe('/pools/promo'))
    // The IP just moved in is on the renamed pool's page, and no "Also in" names the pool's old name.
    const table = await screen.findByRole('table', { name: 'IP addresses' })
    await waitFor(() => expect(ipCells(table)).toContain('192.0.2.40'))
    expect(within(table).queryByRole('link', { name: 'marketing', hidden: true })).not.toBeInTheDocument()

    // Moved out again, then the rename undone: the pool's old name does not bring the IP back.
    await user.click(await screen.findByRole('button', { name: 'Move 192.0.2.40' }))
    const dialog = await screen.findByRole('dialog', { name: 'Move IP address' })
    await user.click(within(dialog).getByRole('combobox', { name: 'Move to pool' }))
    await user.click(await screen.findByRole('option', { name: 'billing' }))
    await user.click(within(dialog).getByRole('button', { name: 'Move' }))
    await expectNotice('192.0.2.40 moved from “promo” to “billing”')
    await user.click(within(notifications()).getByRole('button', { name: 'Undo rename to “promo”' }))
    await expectNotice('Undone: the pool is named “marketing” again')
    await waitFor(() => expect(location().pathname).toBe('/pools/marketing'))
    const after = await screen.findByRole('table', { name: 'IP addresses' })
    await waitFor(() => expect(ipCells(after)).toHaveLength(5))
    expect(ipCells(after)).not.toContain('192.0.2.40')
    expect(after).not.toHaveTextContent('Added just now')
  })
})

describe('move IP with nowhere to go', () => {
  it('says there is no other pool rather than offer an empty list', async () => {
    db.replace({ ...seedState(), pools: [{ name: 'billing', ips: ['192.0.2.13'] }] })
    const { user } = renderApp('/pools/billing')
    await user.click(await screen.findByRole('button', { name: 'Move 192.0.2.13' }))
    const field = await screen.findByRole('combobox', { name: 'Move to pool' })
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription('There is no other pool to move it to: create one first.'),
    )
  })
})

describe('the other pools of each IP, and how to send through the pool', () => {
  it('lists the other pools an IP is in, as links', async () => {
    renderApp('/pools/transactional')
    const row = await screen.findByRole('row', { name: /^192\.0\.2\.10/ })
    await waitFor(() =>
      expect(within(row).getByRole('link', { name: 'password-resets' })).toHaveAttribute(
        'href',
        '/pools/password-resets',
      ),
    )
  })

  it('shows the Mail Send field and SMTP header that select this pool', async () => {
    renderApp('/pools/Product%20updates')
    expect(await screen.findByRole('heading', { name: 'Send mail through this pool' })).toBeInTheDocument()
    expect(screen.getByText('"ip_pool_name": "Product updates"')).toBeInTheDocument()
    expect(screen.getByText('X-SMTPAPI: {"ip_pool":"Product updates"}')).toBeInTheDocument()
  })
})

describe('an IP SendGrid does not list yet', () => {
  it('stays on the pool page, marked "Added just now", through a re-read that leaves it out', async () => {
    db.setMemberLag(60)
    const { user, queryClient } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const field = await screen.findByRole('combobox', { name: 'IP address' })
    await user.type(field, '203.0.113.50{Enter}')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    // The fake, like SendGrid, leaves the new member out of its answers for now.
    const listed = await (await fetch('/v3/ips/pools/billing')).json()
    expect(listed.ips.map((m: { ip: string }) => m.ip)).not.toContain('203.0.113.50')
    await queryClient.refetchQueries()

    const table = screen.getByRole('table', { name: 'IP addresses' })
    const row = within(table).getByRole('row', { name: /203\.0\.113\.50/ })
    // Two words to a screen reader, not "203.0.113.50Added just now".
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(/^203\.0\.113\.50, Added just now$/)
    expect(screen.getByText('3 IP addresses')).toBeInTheDocument()
  })

  it('shows on its new pool after a move, and in the "Also in" column of its other pools', async () => {
    db.setMemberLag(60)
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    await user.type(await screen.findByRole('combobox', { name: 'IP address' }), '192.0.2.10{Enter}')
    await user.keyboard('{Enter}')
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())

    await user.click(screen.getByRole('link', { name: 'IP pools' }))
    await user.click(await screen.findByRole('link', { name: 'transactional' }))
    const row = await screen.findByRole('row', { name: /^192\.0\.2\.10/ })
    await waitFor(() => expect(within(row).getByRole('link', { name: 'billing' })).toBeInTheDocument())
  })
})

describe('warmup on a pool page', () => {
  it("shows each warming IP's hourly cap today and when warmup ends, and flags a pool whose IPs are all warming", async () => {
    for (const ip of ['192.0.2.13', '192.0.2.40']) {
      await fetch('/v3/ips/warmup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ip }),
      })
    }
    renderApp('/pools/billing')
    const row = await screen.findByRole('row', { name: /^192\.0\.2\.13/ })
    expect(row).toHaveTextContent(/Warming up\s*since .* \(day 1\)\s*up to 20 an hour today · ends /)
    expect(screen.getByText(/Every IP in this pool is warming up/)).toHaveTextContent(
      'retries it about every 15 minutes and drops it after 72 hours',
    )
  })

  it('does not flag a pool where some IPs can take the mail over the caps', async () => {
    renderApp('/pools/marketing')
    expect(await screen.findByRole('row', { name: /^198\.51\.100\.23/ })).toHaveTextContent(/an hour today/)
    expect(screen.queryByText(/Every IP in this pool is warming up/)).not.toBeInTheDocument()
  })
})

describe('reverse DNS in the Add IP dialog', () => {
  it('marks an IP without a valid record among the suggestions and refuses it with the reason', async () => {
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const field = await screen.findByRole('combobox', { name: 'IP address' })
    await user.type(field, 'legacy')
    expect(
      await screen.findByRole('option', { name: /203\.0\.113\.99.*no valid reverse DNS: cannot be pooled/ }),
    ).toBeInTheDocument()
    await user.clear(field)
    await user.type(field, '203.0.113.99')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        '203.0.113.99 has no valid reverse DNS record, and SendGrid pools only IPs that have one. Validate it on the IP addresses page.',
      ),
    )
    expect(screen.getByRole('dialog', { name: 'Add IP address' })).toBeInTheDocument()
  })
})

describe('dialog details', () => {
  it('offers a move only to pools the IP is not in already', async () => {
    const { user } = renderApp('/pools/transactional')
    await user.click(await screen.findByRole('button', { name: /^Move 192\.0\.2\.10$/ }))
    const dialog = await screen.findByRole('dialog')
    await user.click(within(dialog).getByRole('combobox'))
    const options = (await screen.findAllByRole('option')).map((option) => option.textContent)
    expect(options).not.toContain('password-resets')
    expect(options).not.toContain('transactional')
    expect(options).toContain('marketing')
  })

  it('sends an address typed in two spellings once', async () => {
    const posted: string[] = []
    server.events.on('request:start', async ({ request }) => {
      if (request.method === 'POST') posted.push(((await request.clone().json()) as { ip: string }).ip)
    })
    const { user } = renderApp('/pools/billing')
    await user.click(await findEnabledButton('Add IP'))
    const field = await screen.findByRole('combobox', { name: 'IP address' })
    await user.type(field, '2001:DB8:0:10::26{Enter}')
    await user.type(field, '2001:db8:0:10::26')
    await user.click(screen.getByRole('button', { name: 'Add' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument())
    expect(posted).toEqual(['2001:db8:0:10::26'])
  })

  it("lets the keyboard reach and scroll the Delete dialog's list of IPs", async () => {
    const { user } = renderApp('/pools/transactional')
    await user.click(await findEnabledButton('Delete pool'))
    const list = within(await screen.findByRole('dialog')).getByRole('list')
    expect(list).toHaveAttribute('tabindex', '0')
  })
})

describe('a move with nowhere to go', () => {
  it('says the IP is already in every other pool', async () => {
    server.use(
      http.get('*/v3/ips/pools', () => HttpResponse.json([{ name: 'transactional' }, { name: 'password-resets' }])),
    )
    const { user } = renderApp('/pools/transactional')
    await user.click(await screen.findByRole('button', { name: /^Move 192\.0\.2\.10$/ }))
    const dialog = await screen.findByRole('dialog')
    expect(
      await within(dialog).findByText('192.0.2.10 is already in every other pool: there is no pool to move it to.'),
    ).toBeInTheDocument()
  })
})
