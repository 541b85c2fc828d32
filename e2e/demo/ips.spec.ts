import { notices } from '../helpers'
import { expect, test } from '@playwright/test'

const firstCells = (page: import('@playwright/test').Page) =>
  page
    .getByRole('table', { name: 'IP addresses' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell') })
    .locator('td:first-child')

test('the IP addresses page is in the navigation and lists every IP with its pools', async ({ page }) => {
  await page.goto('/pools')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'IP addresses' }).click()
  await expect(page).toHaveURL('/ips')
  await expect(page.getByRole('heading', { level: 1, name: 'IP addresses' })).toBeVisible()
  await expect(page.getByText('25 on this account · 6 warming up · 5 in no pool')).toBeVisible()
  const row = page.getByRole('row', { name: /^192\.0\.2\.10 / })
  await expect(row.getByRole('link', { name: 'password-resets' })).toBeVisible()
  await expect(row).toContainText('o1.mail.example.com')
})

test('filters, search and sort live in the address, through a reload and the back button', async ({ page }) => {
  await page.goto('/ips')
  await expect(page.getByText(/25 on this account/)).toBeVisible()
  await page.getByRole('combobox', { name: 'Pool' }).click()
  await page.getByRole('option', { name: 'marketing' }).click()
  await expect(page).toHaveURL('/ips?pool=marketing')
  await expect(firstCells(page)).toHaveCount(5)
  // The box follows the address, which the router updates a frame later: click, then see it ticked.
  await page.getByRole('checkbox', { name: 'Warming up only' }).click()
  await expect(page.getByRole('checkbox', { name: 'Warming up only' })).toBeChecked()
  await expect(page).toHaveURL('/ips?pool=marketing&warming=1')
  await expect(firstCells(page)).toHaveText(['198.51.100.23', '198.51.100.24'])
  await page.getByRole('button', { name: 'IP address' }).click() // sort by address, descending
  await expect(firstCells(page)).toHaveText(['198.51.100.24', '198.51.100.23'])

  await page.reload()
  await expect(firstCells(page)).toHaveText(['198.51.100.24', '198.51.100.23'])
  await expect(page.getByRole('checkbox', { name: 'Warming up only' })).toBeChecked()

  await page.goBack()
  await expect(page).toHaveURL('/ips?pool=marketing&warming=1')
  await expect(firstCells(page)).toHaveText(['198.51.100.23', '198.51.100.24'])
  await page.goBack()
  await expect(page).toHaveURL('/ips?pool=marketing')
  await expect(firstCells(page)).toHaveCount(5)

  await page.getByRole('searchbox', { name: 'Search addresses' }).fill('news4')
  await expect(firstCells(page)).toHaveText(['198.51.100.23'])
})

test('exports the filtered table as CSV', async ({ page }) => {
  await page.goto('/ips?nopool=1')
  await expect(firstCells(page)).toHaveCount(5)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('ip-addresses.csv')
  const lines = (await (await file.createReadStream()).toArray()).join('').trim().split('\r\n')
  // With each IP's last 7 days and what needs a look: these five are in no pool, and sent nothing.
  expect(lines[0]).toBe(
    'ip,pools,warming_up,warmup_started,reverse_dns,subusers,assigned,' +
      'sent_7d,delivered_pct,bounced_pct,blocked_pct,deferred_pct,needs_a_look',
  )
  expect(lines).toHaveLength(6)
  expect(lines[1]).toMatch(/^203\.0\.113\.50,,no,,spare1\.example\.com,,\d{4}-\d{2}-\d{2},0,,,,,$/)
})

test('starts and stops warmup, saying first what each does', async ({ page }) => {
  await page.goto('/ips?q=203.0.113.50')
  await page.getByRole('button', { name: 'Start warmup of 203.0.113.50' }).click()
  const start = page.getByRole('dialog', { name: 'Start warmup' })
  await expect(start).toContainText('caps how much mail it sends each hour')
  await start.getByRole('button', { name: 'Start warmup' }).click()
  await expect(notices(page)).toContainText('Warmup of 203.0.113.50 started')
  await expect(page.getByRole('row', { name: /^203\.0\.113\.50 / })).toContainText(/Warming up\s*since .* \(day 1\)/)

  await page.reload()
  await page.getByRole('button', { name: 'Stop warmup of 203.0.113.50' }).click()
  const stop = page.getByRole('dialog', { name: 'Stop warmup' })
  await expect(stop).toContainText('send at full volume at once')
  await stop.getByRole('button', { name: 'Stop warmup' }).click()
  await expect(page.getByRole('button', { name: 'Start warmup of 203.0.113.50' })).toBeVisible()
})

test('the pool list shows each pool’s IP counts and flags empty and all-warming pools', async ({ page }) => {
  await page.goto('/pools')
  const row = (name: string) =>
    page.getByRole('table', { name: 'IP pools' }).getByRole('row', { name: new RegExp(`^${name}`) })
  await expect(row('marketing')).toContainText(/marketing\s*5\s*2/)
  await expect(row('cold-outreach')).toContainText('Empty')
  await page.goto('/pools/billing')
  await page.getByRole('button', { name: 'Remove 192.0.2.13' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await page.getByRole('button', { name: 'Remove 192.0.2.40' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByText('No IP addresses in this pool yet.')).toBeVisible()
  await page.getByRole('link', { name: 'IP pools' }).click()
  await expect(row('billing')).toContainText('Empty')
})

test('?demo=large loads 100 pools and 5,000 IPs, with a bounded number of requests', async ({ page }) => {
  const poolReads: string[] = []
  page.on('request', (request) => {
    if (request.url().includes('/v3/ips/pools/')) poolReads.push(request.url())
  })
  await page.goto('/pools?demo=large')
  await expect(page.getByText('100 pools (up to 100 allowed)')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByRole('table', { name: 'IP pools' }).getByRole('row', { name: /^client-100/ })).toContainText(
    /\d+/,
  )
  // Counts for all 100 pools come from the inventory, never from one request per pool.
  expect(poolReads).toEqual([])

  await page.goto('/ips')
  await expect(page.getByText(/^5000 on this account/)).toBeVisible({ timeout: 60_000 })
  await expect(firstCells(page)).toHaveCount(50)
  await page.getByRole('searchbox', { name: 'Search addresses' }).fill('198.18.19.1')
  await expect(firstCells(page).first()).toHaveText('198.18.19.1')
})

test('an IP without a valid reverse DNS record cannot be added to a pool, and the dialog says why', async ({
  page,
}) => {
  await page.goto('/ips?q=legacy')
  const row = page.getByRole('row', { name: /^203\.0\.113\.99/ })
  await expect(row).toContainText('Not valid: cannot join a pool')
  await row.getByRole('button', { name: 'Validate the reverse DNS of 203.0.113.99' }).click()
  await expect(notices(page)).toContainText('is still not valid: Failed to resolve A Record')

  await page.goto('/pools/billing')
  await page.getByRole('button', { name: 'Add IP' }).click()
  const field = page.getByRole('dialog', { name: 'Add IP address' }).getByRole('combobox', { name: 'IP address' })
  await field.fill('203.0.113.99')
  await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click()
  await expect(field).toHaveAccessibleDescription(/203\.0\.113\.99 has no valid reverse DNS record/)
})

test("a change to an IP's subusers is saved, survives a reload, and the subuser filter finds it", async ({ page }) => {
  await page.goto('/ips?q=192.0.2.11')
  await page.getByRole('button', { name: 'Change the subusers of 192.0.2.11' }).click()
  const dialog = page.getByRole('dialog', { name: 'Subusers of 192.0.2.11' })
  await dialog.getByRole('checkbox', { name: 'partners@example.com' }).check()
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(notices(page)).toContainText('Subusers of 192.0.2.11 saved')

  await page.goto('/ips?subuser=partners%40example.com')
  await expect(firstCells(page)).toHaveText(['192.0.2.11'])
  await page.reload()
  await expect(firstCells(page)).toHaveText(['192.0.2.11'])
  await expect(page.getByRole('combobox', { name: 'Subuser' })).toContainText('partners@example.com')
})

test('IPs needing a look come first and can be kept alone; an IP opens on its own page with its figures and actions', async ({
  page,
}) => {
  await page.goto('/ips')
  await page.getByRole('button', { name: 'Delivery, last 7 days' }).click()
  await expect(page).toHaveURL('/ips?sort=delivery')
  await page.getByRole('checkbox', { name: 'Needing a look only' }).click()
  await expect(page).toHaveURL('/ips?flagged=1&sort=delivery')
  // The sample's honest problems: billing's bounces yesterday, Yahoo's spam reports at eu-newsletters, and a warming
  // IP deferred at Microsoft.
  await expect(firstCells(page)).toHaveCount(5)
  for (const ip of ['192.0.2.13', '192.0.2.40', '198.51.100.23', '198.51.100.60', '198.51.100.61'])
    await expect(page.getByRole('row', { name: new RegExp(`^${ip.replaceAll('.', '\\.')} `) })).toBeVisible()
  const row = page.getByRole('row', { name: /^198\.51\.100\.23 / })
  await expect(row).toContainText(/Deferred 1\d\.\d % at Microsoft/)

  await row.getByRole('link', { name: '198.51.100.23' }).click()
  await expect(page).toHaveURL('/ips/198.51.100.23')
  await expect(page.getByRole('heading', { level: 1, name: '198.51.100.23' })).toBeVisible()
  const delivery = page.getByRole('region', { name: 'Delivery' })
  await expect(delivery.getByRole('alert')).toHaveText(/^Needs a look: Deferred 1\d\.\d % at Microsoft\.$/)
  await expect(delivery.getByRole('table', { name: 'By mailbox provider' })).toContainText('Microsoft')
  // The fix is one click from the figures that call for it.
  await page.getByRole('button', { name: 'Move 198.51.100.23 out of marketing' }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('198.51.100.23')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.getByRole('button', { name: 'Remove 198.51.100.23 from marketing' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click()
  await expect(page.getByText('In no pool: it sends only mail that names no pool.')).toBeVisible()
})

test("a warming IP's page puts its warmup day and today's hourly cap beside its delivery figures", async ({ page }) => {
  await page.goto('/ips?warming=1')
  const address = (await firstCells(page).first().textContent())!
  await firstCells(page).first().getByRole('link').click()
  await expect(page).toHaveURL(`/ips/${address}`)
  const delivery = page.getByRole('region', { name: 'Delivery' })
  await expect(delivery).toContainText(/Warming up since .+ \(day \d+\): up to [\d,]+ an hour today/)
  await expect(delivery.getByText('Sent', { exact: true }).first()).toBeVisible()
  await page.goto('/ips/192.0.2.250')
  await expect(page.getByText('There is no IP 192.0.2.250 on this account.')).toBeVisible()
})
