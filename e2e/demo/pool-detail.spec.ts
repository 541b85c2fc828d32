import { expect, test } from '@playwright/test'
import { createPoolsElsewhere, expectNoSeriousA11yViolations, openPoolList, notices } from '../helpers'

const ipRows = (page: import('@playwright/test').Page) =>
  page
    .getByRole('table', { name: 'IP addresses' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })

/** Moves 192.0.2.40 from billing to transactional through the Move dialog, and waits for the dialog to close. */
async function moveBillingIpToTransactional(page: import('@playwright/test').Page) {
  await page.goto('/pools/billing')
  await page.getByRole('button', { name: 'Move 192.0.2.40', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: 'Move IP address' })
  await dialog.getByRole('combobox', { name: 'Move to pool' }).click()
  await page.getByRole('option', { name: 'transactional' }).click()
  await dialog.getByRole('button', { name: 'Move' }).click()
  await expect(dialog).toBeHidden()
}

test("shows a pool's IPs with warmup state and a Remove button each", async ({ page }) => {
  await page.goto('/pools/Product%20updates')
  await expect(page.getByRole('heading', { level: 1, name: 'Product updates' })).toBeVisible()
  await expect(ipRows(page)).toHaveCount(3)
  await expect(ipRows(page).filter({ hasText: '192.0.2.15' })).toContainText('Warming up')
  await expect(ipRows(page).filter({ hasText: '192.0.2.15' })).toContainText('(day 4)')
  await expect(page.getByRole('button', { name: 'Remove 198.51.100.25' })).toBeVisible()
  await page.getByRole('link', { name: 'IP pools' }).click()
  await expect(page).toHaveURL('/pools')
})

test('an unknown pool shows "Pool not found" with a link back', async ({ page }) => {
  await page.goto('/pools/no-such-pool')
  await expect(page.getByRole('heading', { level: 1, name: 'Pool not found' })).toBeVisible()
  await expect(page.getByText('There is no pool named “no-such-pool”.')).toBeVisible()
  await page.getByRole('link', { name: 'Back to IP pools' }).click()
  await expect(page).toHaveURL('/pools')
})

const awkwardNames = ['EU / promo #1?', '100% "quoted" \'names\'', 'Ünïcødé 日本 pool', '<b>x</b>', 'a%2Fb']

test('names with spaces, slashes, %, #, ?, quotes, non-ASCII letters or HTML work in links, reloads and back', async ({
  page,
}) => {
  await openPoolList(page)
  await createPoolsElsewhere(page, awkwardNames)
  await page.reload()
  for (const name of awkwardNames) {
    await page.getByRole('link', { name, exact: true }).click()
    await expect(page).toHaveURL(`/pools/${encodeURIComponent(name)}`)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
    await expect(page.getByText('No IP addresses in this pool yet.')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name)
    await page.goBack()
    await expect(page).toHaveURL('/pools')
  }
  await expect(page.locator('main b')).toHaveCount(0)
})

test('a deep link to a pool named with a space and a slash opens it directly', async ({ page }) => {
  await openPoolList(page)
  await createPoolsElsewhere(page, ['EU / weekly digest'])
  await page.goto('/pools/EU%20%2F%20weekly%20digest')
  await expect(page.getByRole('heading', { level: 1, name: 'EU / weekly digest' })).toBeVisible()
  await expect(page.getByText('0 IP addresses')).toBeVisible()
})

test('renames a pool: new address replaces the old one, and the list shows the new name', async ({ page }) => {
  await openPoolList(page)
  await page.getByRole('link', { name: 'marketing' }).click()
  await page.getByRole('button', { name: 'Rename' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rename pool' })
  await expect(dialog).toContainText('Mail that still names “marketing”')
  await dialog.getByRole('textbox', { name: 'Pool name' }).fill('Marketing / US')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(page).toHaveURL('/pools/Marketing%20%2F%20US')
  await expect(page.getByRole('heading', { level: 1, name: 'Marketing / US' })).toBeVisible()
  await expect(ipRows(page)).toHaveCount(5)
  await expect(notices(page)).toContainText('Pool “marketing” renamed to “Marketing / US”')

  // Back skips the dead old address and lands on the list, which knows the new name.
  await page.goBack()
  await expect(page).toHaveURL('/pools')
  await expect(page.getByRole('link', { name: 'Marketing / US' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'marketing', exact: true })).toBeHidden()
  await page.reload()
  await expect(page.getByRole('link', { name: 'Marketing / US' })).toBeVisible()
})

test('deletes a pool after naming the IPs that leave it, and returns to the list', async ({ page }) => {
  await page.goto('/pools/billing')
  await page.getByRole('button', { name: 'Delete pool' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete pool' })
  await expect(dialog).toContainText('These 2 IP addresses leave the pool. They stay on your account')
  await expect(dialog.getByRole('listitem')).toHaveText(['192.0.2.13', '192.0.2.40'])
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL('/pools')
  await expect(notices(page)).toContainText('Pool “billing” deleted')
  await expect(page.getByRole('link', { name: 'billing' })).toBeHidden()
  await expect(page.getByText('6 pools (up to 100 allowed)')).toBeVisible()
  await page.reload()
  await expect(page.getByRole('link', { name: 'transactional' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'billing' })).toBeHidden()
})

test('adds IPv4 and IPv6 addresses, checking each before sending', async ({ page }) => {
  await page.goto('/pools/cold-outreach')
  await page.getByRole('button', { name: 'Add IP' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add IP address' })
  const field = dialog.getByRole('combobox', { name: 'IP address' })
  const add = dialog.getByRole('button', { name: 'Add' })
  await field.fill('203.0.113.300')
  await add.click()
  await expect(field).toHaveAccessibleDescription('“203.0.113.300” is not an IPv4 or IPv6 address.')
  await field.fill('203.0.113.77')
  await expect(field).toHaveAccessibleDescription('203.0.113.77 is not an IP address on this account.')
  await field.fill('203.0.113.50')
  await add.click()
  await expect(dialog).toBeHidden()
  await expect(notices(page)).toContainText('203.0.113.50 added to “cold-outreach”')

  await page.getByRole('button', { name: 'Add IP' }).click()
  await dialog.getByRole('combobox', { name: 'IP address' }).fill('2001:DB8:0:10::26')
  await add.click()
  await expect(dialog).toBeHidden()
  // Both marked as just added, for the minute SendGrid may take to list them.
  await expect(ipRows(page).locator('td:first-child')).toHaveText([
    '203.0.113.50, Added just now',
    '2001:db8:0:10::26, Added just now',
  ])

  await page.reload()
  await expect(ipRows(page).locator('td:first-child')).toHaveText(['203.0.113.50', '2001:db8:0:10::26'])
})

test('an IP added while SendGrid lags in listing it stays on the page through a re-read, marked as just added', async ({
  page,
}) => {
  await page.goto('/pools/cold-outreach?lag=60')
  await page.getByRole('button', { name: 'Add IP' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add IP address' })
  await dialog.getByRole('combobox', { name: 'IP address' }).fill('203.0.113.50')
  await dialog.getByRole('button', { name: 'Add' }).click()
  await expect(dialog).toBeHidden()
  // Away and back: the pool is read again, and SendGrid (the fake, lagging) does not list the IP yet.
  await page.getByRole('link', { name: 'IP pools' }).click()
  await page.getByRole('link', { name: 'cold-outreach' }).click()
  const listed = await page.evaluate(() =>
    fetch('/v3/ips/pools/cold-outreach').then((r) => r.json() as Promise<{ ips: unknown[] }>),
  )
  expect(listed.ips).toEqual([])
  await expect(ipRows(page).locator('td:first-child')).toHaveText(['203.0.113.50, Added just now'])
  await expect(page.getByText('1 IP address', { exact: true })).toBeVisible()
})

test('adds several IPs at once and reports the one the server refused', async ({ page }) => {
  await page.goto('/pools/billing')
  await expect(ipRows(page)).toHaveCount(2)
  await page.getByRole('button', { name: 'Add IP' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add IP address' })
  const field = dialog.getByRole('combobox', { name: 'IP address' })
  await field.fill('spare')
  await page.getByRole('option', { name: /^203\.0\.113\.50/ }).click()
  await field.fill('spare')
  await page.getByRole('option', { name: /^203\.0\.113\.51/ }).click()
  // Meanwhile someone else puts one of them in the pool, so only the server can refuse it.
  const status = await page.evaluate(() =>
    fetch('/v3/ips/pools/billing/ips', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ip: '203.0.113.51' }),
    }).then((response) => response.status),
  )
  expect(status).toBe(201)
  await dialog.getByRole('button', { name: 'Add' }).click()
  await expect(dialog.getByRole('alert')).toContainText('Added 203.0.113.50; 1 not added.')
  await expect(dialog.getByRole('alert')).toContainText('203.0.113.51: 203.0.113.51 is already in this pool.')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await page.reload()
  await expect(ipRows(page).locator('td:first-child')).toHaveText([
    '192.0.2.13',
    '192.0.2.40',
    '203.0.113.51',
    '203.0.113.50',
  ])
})

test('moves an IP to another pool, which then lists it', async ({ page }) => {
  await moveBillingIpToTransactional(page)
  await expect(notices(page)).toContainText('192.0.2.40 moved from “billing” to “transactional”')
  await expect(ipRows(page).locator('td:first-child')).toHaveText(['192.0.2.13'])
  await page.getByRole('link', { name: 'IP pools' }).click()
  await page.getByRole('link', { name: 'transactional' }).click()
  await expect(ipRows(page).filter({ hasText: '192.0.2.40' })).toHaveCount(1)
})

test('shows how mail selects the pool, ready to copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('/pools/Product%20updates')
  await page.getByRole('button', { name: 'Copy: SMTP, as a message header' }).click()
  await expect(notices(page)).toContainText('Copied')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('X-SMTPAPI: {"ip_pool":"Product updates"}')
})

test('removes an IP after asking, including an IPv6 address', async ({ page }) => {
  await page.goto('/pools/eu-newsletters')
  await expect(ipRows(page)).toHaveCount(4)
  await page.getByRole('button', { name: 'Remove 2001:db8:0:10::25' }).click()
  const dialog = page.getByRole('dialog', { name: 'Remove IP address' })
  await expect(dialog).toContainText('Remove 2001:db8:0:10::25 from the pool “eu-newsletters”?')
  await dialog.getByRole('button', { name: 'Remove' }).click()
  await expect(dialog).toBeHidden()
  await expect(ipRows(page)).toHaveCount(3)
  await page.reload()
  await expect(ipRows(page)).toHaveCount(3)
  await expect(page.getByRole('button', { name: 'Remove 2001:db8:0:10::25' })).toBeHidden()
})

test("a warming pool shows each IP's hourly cap and end date, and what happens to mail when all of them warm", async ({
  page,
}) => {
  await page.goto('/pools/marketing')
  const warming = ipRows(page).filter({ hasText: '198.51.100.23' })
  await expect(warming).toContainText(/up to [\d,]+ an hour today · ends /)
  await expect(page.getByText(/Every IP in this pool is warming up/)).toBeHidden()

  const statuses = await page.evaluate(() =>
    Promise.all(
      ['192.0.2.13', '192.0.2.40'].map((ip) =>
        fetch('/v3/ips/warmup', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ ip }),
        }).then((r) => r.status),
      ),
    ),
  )
  expect(statuses).toEqual([200, 200])
  await page.goto('/pools/billing')
  await expect(ipRows(page).filter({ hasText: '192.0.2.13' })).toContainText('up to 20 an hour today')
  await expect(page.getByText(/Every IP in this pool is warming up/)).toContainText('drops it after 72 hours')
})

test('Undo puts a removed IP back; a second notice queues beside the first in one live region', async ({ page }) => {
  await page.goto('/pools/billing')
  await expect(ipRows(page)).toHaveCount(2)
  for (const ip of ['192.0.2.40', '192.0.2.13']) {
    await page.getByRole('button', { name: `Remove ${ip}`, exact: true }).click()
    await page.getByRole('dialog', { name: 'Remove IP address' }).getByRole('button', { name: 'Remove' }).click()
    await expect(page.getByRole('dialog')).toBeHidden()
  }
  // Both messages are in the one region a screen reader follows, each with its own Undo that says what it undoes.
  await expect(notices(page)).toContainText('192.0.2.40 removed from “billing”')
  await expect(notices(page)).toContainText('192.0.2.13 removed from “billing”')
  await expect(notices(page).getByRole('button', { name: /^Undo removal of / })).toHaveCount(2)
  await expect(ipRows(page)).toHaveCount(0)

  await notices(page).getByRole('button', { name: 'Undo removal of 192.0.2.40 from “billing”' }).click()
  await expect(notices(page)).toContainText('Undone: 192.0.2.40 is back in “billing”')
  await expect(ipRows(page).locator('td:first-child')).toContainText(['192.0.2.40'])
  await page.reload()
  await expect(ipRows(page).locator('td:first-child')).toContainText(['192.0.2.40'])
})

test('Undo moves a moved IP back', async ({ page }) => {
  await moveBillingIpToTransactional(page)
  await expect(ipRows(page).locator('td:first-child')).toHaveText(['192.0.2.13'])
  await notices(page).getByRole('button', { name: 'Undo move of 192.0.2.40 to “transactional”' }).click()
  await expect(notices(page)).toContainText('Undone: 192.0.2.40 is back in “billing” and out of “transactional”')
  await expect(ipRows(page).locator('td:first-child')).toContainText(['192.0.2.13', '192.0.2.40'])
  await page.goto('/pools/transactional')
  await expect(ipRows(page).first()).toBeVisible()
  await expect(ipRows(page).filter({ hasText: '192.0.2.40' })).toHaveCount(0)
})

test('Undo of a rename gives the pool its old name and its old address', async ({ page }) => {
  await page.goto('/pools/marketing')
  await page.getByRole('button', { name: 'Rename' }).click()
  const dialog = page.getByRole('dialog', { name: 'Rename pool' })
  await dialog.getByRole('textbox', { name: 'Pool name' }).fill('promo')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL('/pools/promo')
  await notices(page).getByRole('button', { name: 'Undo rename to “promo”' }).click()
  await expect(notices(page)).toContainText('Undone: the pool is named “marketing” again')
  await expect(page).toHaveURL('/pools/marketing')
  await expect(page.getByRole('heading', { level: 1, name: 'marketing' })).toBeVisible()
  await expect(ipRows(page)).toHaveCount(5)
})

test("a pool's page says how its mail is doing, over a chosen period, with a chart and by mailbox provider", async ({
  page,
}) => {
  await page.goto('/pools/marketing')
  const delivery = page.getByRole('region', { name: 'Delivery' })
  await expect(delivery.getByText('Sent', { exact: true }).first()).toBeVisible()
  await expect(delivery.getByText('Delivered', { exact: true }).first()).toBeVisible()
  await expect(delivery.locator('svg').first()).toBeVisible() // the chart, loaded with the panel
  const providers = delivery.getByRole('table', { name: 'By mailbox provider' })
  await expect(providers.getByRole('row', { name: /Microsoft/ })).toBeVisible()
  // Each provider's volume beside its shares: a share of a handful is no signal.
  await expect(providers.getByRole('columnheader', { name: 'Sent' })).toBeVisible()
  await delivery.getByRole('button', { name: 'Last 30 days' }).click()
  await expect(delivery.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
  await expectNoSeriousA11yViolations(page)

  await page.goto('/pools/cold-outreach')
  await expect(page.getByRole('region', { name: 'Delivery' })).toContainText(
    'No mail was sent through this pool in the last 7 days.',
  )
})

test('an admin connects the Event Webhook from a Delivery panel: made beside the others, signed, tested, journalled', async ({
  page,
}) => {
  await page.goto('/pools/marketing')
  await page.getByRole('region', { name: 'Delivery' }).getByRole('button', { name: 'Event Webhook' }).click()
  const dialog = page.getByRole('dialog', { name: 'Connect the Event Webhook' })
  const url = `${new URL(page.url()).origin}/webhooks/sendgrid/events`
  await expect(dialog).toContainText(url)
  // The account's own webhook is named and left alone.
  await expect(dialog).toContainText('This account has 1 webhook of 5 allowed: Data warehouse.')
  const sign = dialog.getByRole('button', { name: 'Turn on signing' })
  await expect(sign).toBeDisabled()
  await dialog.getByRole('button', { name: 'Create webhook' }).click()
  await expect(dialog.getByRole('region', { name: '1. A webhook that posts here' })).toContainText(
    'Webhook IP pools dashboard posts here.',
  )
  await expect(dialog).toContainText('This account has 2 webhooks of 5 allowed: Data warehouse, IP pools dashboard.')
  await sign.click()
  await expect(dialog.getByRole('region', { name: /^2\./ })).toContainText(
    'Signed. The server checks each batch with its key (connected by you (demo)',
  )
  await dialog.getByRole('button', { name: 'Send a test event' }).click()
  await expect(dialog.getByRole('status')).toHaveText('Sent. Waiting for it to arrive…')
  await expect(dialog.getByRole('region', { name: /^3\./ })).toContainText('The test event arrived at')
  await expectNoSeriousA11yViolations(page)
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await page.goto('/activity')
  await expect(page.getByText(`Created an Event Webhook to ${url}`)).toBeVisible()
  await expect(page.getByText(/Turned on signing for Event Webhook [0-9a-f-]{36}/)).toBeVisible()
  await expect(page.getByText(`Sent a test event to ${url}`)).toBeVisible()
})

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('a rename and its Undo change every place that shows the name, and nothing else', async ({ page }) => {
    await page.goto('/pools/marketing')
    await expect(ipRows(page)).toHaveCount(5)
    await page.getByRole('button', { name: 'Rename' }).click()
    const dialog = page.getByRole('dialog', { name: 'Rename pool' })
    await dialog.getByRole('textbox', { name: 'Pool name' }).fill('marketing-eu')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect(page).toHaveURL('/pools/marketing-eu')
    // The shared IP's "Also in" names the other pool only, never this pool's old name.
    const shared = ipRows(page).filter({ hasText: '198.51.100.22' })
    await expect(shared.getByRole('link')).toHaveText(['198.51.100.22', 'Product updates'])

    await page.getByRole('link', { name: 'Product updates' }).first().click()
    await expect(ipRows(page).filter({ hasText: '198.51.100.22' }).getByRole('link')).toHaveText([
      '198.51.100.22',
      'marketing-eu',
    ])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'IP addresses' }).click()
    await expect(page.getByRole('row', { name: /^198\.51\.100\.22 / }).getByRole('link')).toHaveText([
      '198.51.100.22',
      'marketing-eu',
      'Product updates',
    ])

    await notices(page).getByRole('button', { name: 'Undo rename to “marketing-eu”' }).click()
    await expect(notices(page)).toContainText('Undone: the pool is named “marketing” again')
    await expect(page.getByRole('row', { name: /^198\.51\.100\.22 / }).getByRole('link')).toHaveText([
      '198.51.100.22',
      'marketing',
      'Product updates',
    ])
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pools' }).click()
    await expect(page.getByRole('link', { name: 'marketing', exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: 'marketing-eu' })).toHaveCount(0)
  })
})
