import { expect, test } from '@playwright/test'
import { createPoolsElsewhere, openPoolList, notices } from '../helpers'

test('/ leads to the pool list, whose names link to their pools', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL('/pools')
  await expect(page.getByText('7 pools (up to 100 allowed)')).toBeVisible()
  await page.getByRole('link', { name: 'Product updates' }).click()
  await expect(page).toHaveURL('/pools/Product%20updates')
  await expect(page.getByRole('heading', { level: 1, name: 'Product updates' })).toBeVisible()
})

test('the filter narrows the table and lives in the address, through a reload and the back button', async ({
  page,
}) => {
  await openPoolList(page)
  await page.getByRole('searchbox', { name: 'Filter pools' }).fill('mark')
  const table = page.getByRole('table', { name: 'IP pools' })
  await expect(table.getByRole('link')).toHaveText(['marketing'])
  await expect(page).toHaveURL('/pools?q=mark')

  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Filter pools' })).toHaveValue('mark')
  await expect(table.getByRole('link')).toHaveText(['marketing'])

  await table.getByRole('link', { name: 'marketing' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'marketing' })).toBeVisible()
  await page.goBack()
  await expect(page).toHaveURL('/pools?q=mark')
  await expect(table.getByRole('link')).toHaveText(['marketing'])
})

test('creates a pool that is listed, announced, and still there after a reload', async ({ page }) => {
  await openPoolList(page)
  await page.getByRole('button', { name: 'Create pool' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create pool' })
  await dialog.getByRole('textbox', { name: 'Pool name' }).fill('newsletters')
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog).toBeHidden()
  await expect(notices(page)).toContainText('Pool “newsletters” created')
  await expect(page.getByRole('link', { name: 'newsletters', exact: true })).toBeVisible()
  await expect(page.getByText('8 pools (up to 100 allowed)')).toBeVisible()

  await page.reload()
  await expect(page.getByRole('link', { name: 'newsletters', exact: true })).toBeVisible()
})

test('a broken rule shows at the field before anything is sent', async ({ page }) => {
  await openPoolList(page)
  const posts: string[] = []
  page.on('request', (request) => request.method() === 'POST' && posts.push(request.url()))
  await page.getByRole('button', { name: 'Create pool' }).click()
  const field = page.getByRole('dialog').getByRole('textbox', { name: 'Pool name' })
  await field.fill('.hidden')
  await field.press('Enter')
  await expect(field).toHaveAccessibleDescription('A pool name cannot start with a dot or a space.')
  await field.fill('x'.repeat(65))
  await expect(field).toHaveAccessibleDescription(/between 2 and 64 characters long \(this one has 65\)/)
  await field.fill('transactional')
  await expect(field).toHaveAccessibleDescription('A pool named “transactional” already exists.')
  expect(posts).toEqual([])
})

test('a refusal from the server shows in the dialog, which keeps what was typed', async ({ page }) => {
  await openPoolList(page)
  await page.getByRole('button', { name: 'Create pool' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create pool' })
  await dialog.getByRole('textbox', { name: 'Pool name' }).fill('launch-2027')
  // Someone else takes the name after this page loaded its list, so only the server can refuse it.
  await createPoolsElsewhere(page, ['launch-2027'])
  await dialog.getByRole('button', { name: 'Create' }).click()
  // SendGrid answers a terse "already exists" on the name field: it is worded and shown under the field.
  const field = dialog.getByRole('textbox', { name: 'Pool name' })
  await expect(field).toHaveAccessibleDescription('A pool named “launch-2027” already exists.')
  await expect(dialog).toBeVisible()
  await expect(field).toHaveValue('launch-2027')
})

test('at 100 pools, Create pool is disabled and says why', async ({ page }) => {
  await openPoolList(page)
  await createPoolsElsewhere(
    page,
    Array.from({ length: 93 }, (_, i) => `bulk-${String(i).padStart(2, '0')}`),
  )
  await page.reload()
  await expect(page.getByText('100 pools (up to 100 allowed)')).toBeVisible()
  const create = page.getByRole('button', { name: 'Create pool' })
  await expect(create).toBeDisabled()
  await expect(create).toHaveAccessibleDescription(
    'The limit of 100 pools has been reached. Delete a pool to create another.',
  )
})

test('Reset demo data brings back the sample pools', async ({ page }) => {
  await openPoolList(page)
  await createPoolsElsewhere(page, ['scratch'])
  await page.reload()
  await expect(page.getByRole('link', { name: 'scratch' })).toBeVisible()
  await expect(page.getByText(/Demo mode.*Changes stay in this browser/)).toBeVisible()
  // It asks first: Cancel loses nothing.
  await page.getByRole('button', { name: 'Reset demo data' }).click()
  const asking = page.getByRole('dialog', { name: 'Reset demo data' })
  await expect(asking).toContainText('this cannot be undone')
  await asking.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.getByRole('link', { name: 'scratch' })).toBeVisible()
  await page.getByRole('button', { name: 'Reset demo data' }).click()
  await page.getByRole('dialog', { name: 'Reset demo data' }).getByRole('button', { name: 'Reset' }).click()
  await expect(notices(page)).toContainText('Demo data reset')
  await expect(page.getByRole('link', { name: 'scratch' })).toBeHidden()
  await expect(page.getByText('7 pools (up to 100 allowed)')).toBeVisible()
})

test('the Activity page lists each change with its filters in the address, and links to the pool', async ({ page }) => {
  await openPoolList(page)
  // One after the other, so the journal's order is known.
  await createPoolsElsewhere(page, ['newsletters'])
  await createPoolsElsewhere(page, ['launch-2027'])
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  const table = page.getByRole('table', { name: 'Activity' })
  await expect(table.getByRole('row')).toHaveCount(3)
  await expect(table.getByRole('row').nth(1)).toContainText('Created pool launch-2027')

  await page.getByRole('textbox', { name: 'Pool' }).fill('newsletters')
  await page.getByRole('button', { name: 'Filter' }).click()
  await expect(page).toHaveURL(/\/activity\?pool=newsletters$/)
  await expect(table.getByRole('row')).toHaveCount(2)
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Pool' })).toHaveValue('newsletters')
  await expect(table.getByRole('row')).toHaveCount(2)
  await table.getByRole('link', { name: 'newsletters' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'newsletters' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Recent changes' })).toContainText('Created pool “newsletters”')
})

test('"Check a pool name" finds a typo in an X-SMTPAPI header and names the pool it meant', async ({ page }) => {
  await openPoolList(page)
  await page.getByRole('button', { name: 'Check a pool name' }).click()
  const dialog = page.getByRole('dialog', { name: 'Check a pool name' })
  await dialog.getByRole('textbox').fill('X-SMTPAPI: {"ip_pool": "transactinal"}')
  await dialog.getByRole('button', { name: 'Check' }).click()
  await expect(dialog.getByRole('status')).toContainText('no pool has exactly that name')
  await expect(dialog.getByRole('status')).toContainText('Did you mean transactional?')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
})

test("each pool's delivery over the last week is in the list, and the list can keep only those needing a look", async ({
  page,
}) => {
  await openPoolList(page)
  await expect(page.getByRole('columnheader', { name: 'Delivery, last 7 days' })).toBeVisible()
  await expect(page.getByRole('row', { name: /^marketing / })).toContainText(/\d+\.\d % delivered of [\d,]+ sent/)
  // A pool with no IPs sent nothing: said, not shown as zeros.
  await expect(page.getByRole('row', { name: /^cold-outreach/ })).toContainText('No mail sent')
  const flagged = page.getByRole('button', { name: 'Needing a look only' })
  await flagged.click()
  await expect(flagged).toHaveAttribute('aria-pressed', 'true')
  await expect(page).toHaveURL('/pools?flagged=1')
  // In the sample, billing bounced yesterday and eu-newsletters draws spam reports at Yahoo; marketing as a whole is
  // fine, but one of its warming IPs is deferred heavily at Microsoft: the pool needs a look, and says why.
  const marketing = page.getByRole('row', { name: /^marketing / })
  await expect(page.getByRole('table', { name: 'IP pools' }).getByRole('link')).toHaveText([
    'billing',
    'eu-newsletters',
    'marketing',
  ])
  await expect(page.getByRole('row', { name: /^billing / })).toContainText(/Bounced \d\.\d %/)
  await expect(page.getByRole('row', { name: /^eu-newsletters / })).toContainText(/Spam 0\.\d\d % at Yahoo/)
  await expect(marketing).toContainText(/198\.51\.100\.23: Deferred 1\d\.\d % at Microsoft/)
  // From the list to the fix in three clicks: the pool, Remove beside the IP, and Remove.
  await marketing.getByRole('link', { name: 'marketing' }).click()
  const member = page.getByRole('table', { name: 'IP addresses' }).getByRole('row', { name: /^198\.51\.100\.23 / })
  await expect(member).toContainText(/Deferred 1\d\.\d % at Microsoft/)
  await member.getByRole('button', { name: 'Remove 198.51.100.23' }).click()
  await expect(page.getByRole('dialog', { name: 'Remove IP address' })).toContainText('198.51.100.23')
  await page.keyboard.press('Escape')
  await page.goBack()
  await page.goBack()
  await expect(page.getByRole('row', { name: /^transactional / })).toBeVisible()
})

test('a pool made now shows no mail, even with an IP that sends through another pool', async ({ page }) => {
  await openPoolList(page)
  await page.getByRole('button', { name: 'Create pool' }).click()
  const create = page.getByRole('dialog', { name: 'Create pool' })
  await create.getByRole('textbox', { name: 'Pool name' }).fill('fresh')
  await create.getByRole('button', { name: 'Create' }).click()
  await expect(create).toBeHidden()
  await page.getByRole('link', { name: 'fresh', exact: true }).click()
  await page.getByRole('button', { name: 'Add IP' }).click()
  const add = page.getByRole('dialog', { name: 'Add IP address' })
  await add.getByRole('combobox', { name: 'IP address' }).fill('192.0.2.11')
  await add.getByRole('button', { name: 'Add', exact: true }).click()
  await expect(add).toBeHidden()
  const delivery = page.getByRole('region', { name: 'Delivery' })
  await expect(delivery).toContainText('No mail was sent')
  await expect(
    page.getByRole('table', { name: 'IP addresses' }).getByRole('row', { name: /^192\.0\.2\.11 / }),
  ).toContainText(/[\d,]+ sent/)
  await page.reload()
  await expect(delivery).toContainText('No mail was sent')
  await page.goto('/pools')
  await expect(page.getByRole('row', { name: /^fresh / })).toContainText('No mail sent')
  await expect(page.getByRole('row', { name: /^transactional / })).toContainText(/[\d,]+ sent/)
})

test('a navigation whose page is slow to arrive shows progress until it is there', async ({ page }) => {
  // The Activity page's code arrives two seconds late, as on a slow connection. (Routed for the whole context: in
  // the demo the service worker fetches the page's files.)
  await page.context().route('**/assets/activity-page-*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2000))
    await route.continue()
  })
  await openPoolList(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  const progress = page.getByRole('progressbar', { name: 'Loading page' })
  await expect(progress).toBeVisible()
  // The old page stays up meanwhile (the new one renders as a transition), under the bar.
  await expect(page.getByRole('table', { name: 'IP pools' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible()
  await expect(progress).toBeHidden()
})
