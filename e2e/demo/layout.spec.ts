import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { expectNoSeriousA11yViolations, openPoolList } from '../helpers'

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' })

test('the pool list exports the layout as a file, with its schema and every pool', async ({ page }) => {
  await openPoolList(page)
  const saved = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export layout' }).click()
  const download = await saved
  expect(download.suggestedFilename()).toMatch(/^ip-pools-layout-\d{4}-\d{2}-\d{2}\.json$/)
  const layout = JSON.parse(await readFile((await download.path())!, 'utf8'))
  expect(layout.$schema).toMatch(/\/layout\.schema\.json$/)
  expect(layout.version).toBe(1)
  expect(layout.pools.find((pool: { name: string }) => pool.name === 'billing').ips).toEqual([
    '192.0.2.13',
    '192.0.2.40',
  ])
  const schema = await page.request.get(layout.$schema)
  expect((await schema.json()).title).toBe('SendGrid IP pool layout')
})

test('a layout edited in the page is refused at the field, planned with warnings, applied and undone', async ({
  page,
}) => {
  await page.goto('/layout')
  const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
  await expect(editor).toHaveValue(/"name": "billing"/)
  const layout = JSON.parse(await editor.inputValue())

  // A mistake is said where it is, and nothing is planned.
  await editor.fill(JSON.stringify({ ...layout, pools: [...layout.pools, { name: 'x', ips: ['1.2.3'] }] }))
  await page.getByRole('button', { name: 'Plan', exact: true }).click()
  const problems = page.getByRole('alert', { name: 'Problems in the layout file' })
  await expect(problems).toContainText('pools[7].name must be 2 to 64 characters long (it has 1).')
  await expect(problems).toContainText('pools[7].ips[0] "1.2.3" is not an IP address.')
  await expect(editor).toHaveAccessibleDescription(/2 problems, listed below/)

  // A pool renamed, one created with a warming IP, cold-outreach left out: each change with what the dashboard knows.
  const pools = layout.pools
    .filter((pool: { name: string }) => pool.name !== 'cold-outreach' && pool.name !== 'billing')
    .concat([
      { name: 'billing-eu', renamedFrom: 'billing', ips: ['192.0.2.13', '192.0.2.40'] },
      { name: 'alerts-eu', ips: ['203.0.113.7', '203.0.113.50'] },
    ])
  await editor.fill(JSON.stringify({ ...layout, pools }, null, 2))
  await page.getByRole('button', { name: 'Plan', exact: true }).click()
  const plan = page.getByRole('region', { name: 'Plan', exact: true })
  await expect(plan).toContainText('1 pool to create, 1 pool to rename, 2 IPs to add, 1 pool to delete.')
  await expect(plan.getByRole('region', { name: 'Pool billing-eu' })).toContainText(
    'Rename pool “billing” to “billing-eu”',
  )
  await expect(plan.getByRole('region', { name: 'Pool alerts-eu' })).toContainText(/Day 2 of warmup/)
  await expectNoSeriousA11yViolations(page)

  await plan.getByRole('button', { name: 'Apply 5 changes' }).click()
  const dialog = page.getByRole('dialog', { name: 'Apply layout' })
  await expect(dialog).toContainText('1 pool to create, 1 pool to rename, 2 IPs to add, 1 pool to delete.')
  await dialog.getByRole('button', { name: 'Apply' }).click()
  const apply = page.getByRole('region', { name: 'Apply' })
  await expect(apply.getByRole('heading')).toHaveText('Applied: 5 of 5 changes made')
  await expect(apply).toContainText('1 pool to create, 1 pool to rename, 2 IPs to add, 1 pool to delete: all done.')

  await nav(page)
    .getByRole('link', { name: /^Pools/ })
    .click()
  await expect(page.getByRole('link', { name: 'billing-eu' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'cold-outreach' })).toHaveCount(0)
  await nav(page).getByRole('link', { name: 'Activity' }).click()
  await expect(page.getByRole('table', { name: 'Activity' })).toContainText(
    'Renamed pool billing to billing-eu (layout apply)',
  )

  // From the journal to the apply its changes were part of.
  await page.getByRole('table', { name: 'Activity' }).getByRole('link', { name: 'layout apply' }).first().click()
  await expect(page.getByRole('region', { name: 'Apply' }).getByRole('heading')).toHaveText(
    'Applied: 5 of 5 changes made',
  )
  // Back: the rename undone, cold-outreach made again, alerts-eu deleted (its IPs go with it).
  await page.getByRole('button', { name: 'Undo this apply' }).click()
  await page.getByRole('dialog', { name: 'Undo apply' }).getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('region', { name: 'Apply' }).getByRole('heading')).toHaveText(
    'Applied (an undo): 3 of 3 changes made',
  )
  await nav(page)
    .getByRole('link', { name: /^Pools/ })
    .click()
  await expect(page.getByRole('link', { name: 'cold-outreach' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'billing', exact: true })).toBeVisible()
})

test('a change made outside the last layout applied shows as drift on the pool list, with the plan to restore it', async ({
  page,
}) => {
  await page.goto('/layout')
  const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
  const layout = JSON.parse(await editor.inputValue())
  await editor.fill(JSON.stringify({ ...layout, pools: [...layout.pools, { name: 'drift-check', ips: [] }] }))
  await page.getByRole('button', { name: 'Plan', exact: true }).click()
  await page.getByRole('button', { name: 'Apply this change' }).click()
  await page.getByRole('dialog', { name: 'Apply layout' }).getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByRole('region', { name: 'Apply' }).getByRole('heading')).toHaveText(
    'Applied: 1 of 1 changes made',
  )

  // Deleted outside the layout, as in SendGrid's console.
  await nav(page)
    .getByRole('link', { name: /^Pools/ })
    .click()
  await page.getByRole('link', { name: 'drift-check' }).click()
  await page.getByRole('button', { name: 'Delete pool' }).click()
  await page.getByRole('dialog', { name: 'Delete pool' }).getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('heading', { name: 'IP pools', level: 1 })).toBeVisible()
  const drift = page.getByRole('alert').filter({ hasText: 'The account has drifted' })
  await expect(drift).toContainText('restoring it would take 1 pool to create.')
  await drift.getByRole('link', { name: 'Review' }).click()
  await page.getByRole('button', { name: 'Plan the restore' }).click()
  await expect(page.getByRole('region', { name: 'Plan', exact: true })).toContainText('Create pool “drift-check”')
})
