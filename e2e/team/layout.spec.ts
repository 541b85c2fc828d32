/**
 * The layout on a team's server, in a real browser: an admin applies one (each change under their name), makes an
 * access token shown once, which a pipeline then uses within its scope until it is revoked; a viewer only plans.
 */
import { expect, test } from '@playwright/test'
import { expectNoSeriousA11yViolations, signIn } from '../helpers'
import { TEAM } from '../servers'

test('an admin applies a layout through the server, and a token made on the page works within its scope until revoked', async ({
  page,
}) => {
  const pool = `layout-e2e-${Date.now()}`
  await page.goto('/layout')
  await signIn(page, TEAM.admin)
  const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
  const plan = page.getByRole('region', { name: 'Plan', exact: true })
  // Other tests change this account meanwhile: the file is read afresh until its plan is this one pool alone.
  await expect(async () => {
    await page.getByRole('button', { name: 'Start again from the account' }).click()
    await expect(editor).toHaveValue(/"version": 1/)
    const layout = JSON.parse(await editor.inputValue())
    await editor.fill(JSON.stringify({ ...layout, pools: [...layout.pools, { name: pool, ips: [] }] }, null, 2))
    await page.getByRole('button', { name: 'Plan', exact: true }).click()
    await expect(plan).toContainText('1 pool to create.', { timeout: 10_000 })
    await plan.getByRole('button', { name: 'Apply this change' }).click()
    await page.getByRole('dialog', { name: 'Apply layout' }).getByRole('button', { name: 'Apply' }).click()
    await expect(page.getByRole('region', { name: 'Apply' }).getByRole('heading')).toHaveText(
      'Applied: 1 of 1 changes made',
      { timeout: 10_000 },
    )
  }).toPass({ timeout: 120_000 })
  await expect(page.getByRole('table', { name: 'Recent applies' })).toContainText(TEAM.admin)
  await expectNoSeriousA11yViolations(page)

  await page.getByRole('button', { name: 'Create token' }).click()
  const create = page.getByRole('dialog', { name: 'Create access token' })
  await create.getByRole('button', { name: 'Create' }).click()
  await expect(create.getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(/^Name the token/)
  await create.getByRole('textbox', { name: 'Name' }).fill('e2e pipeline')
  await create.getByRole('button', { name: 'Create' }).click()
  const made = page.getByRole('dialog', { name: 'Token “e2e pipeline” created' })
  const token = await made.getByRole('textbox', { name: 'Access token' }).inputValue()
  expect(token).toMatch(/^ipd_/)
  await made.getByRole('button', { name: 'Done' }).click()
  const row = page.getByRole('table', { name: 'Access tokens' }).getByRole('row').filter({ hasText: 'e2e pipeline' })
  await expect(row).toContainText('Read')
  await expect(page.getByText(token)).toHaveCount(0)

  // A pipeline with it, and no session: it reads and plans; applying needs a token scoped to layout.
  const pipeline = { Authorization: `Bearer ${token}` }
  const layout = await (await page.request.get('/api/layout', { headers: pipeline })).json()
  expect(layout.pools.map((one: { name: string }) => one.name)).toContain(pool)
  const planned = await page.request.post('/api/layout/plan', { headers: pipeline, data: { layout } })
  expect(planned.status()).toBe(200)
  const applied = await page.request.post('/api/layout/applies', {
    headers: pipeline,
    data: { layout, basedOn: (await planned.json()).plan.basedOn },
  })
  expect(applied.status()).toBe(403)

  await row.getByRole('button', { name: 'Revoke e2e pipeline' }).click()
  await page.getByRole('dialog', { name: 'Revoke access token' }).getByRole('button', { name: 'Revoke' }).click()
  await expect(row).toContainText('Revoked')
  const refused = await page.request.get('/api/layout', { headers: pipeline })
  expect(refused.status()).toBe(401)
  expect((await refused.json()).errors[0].message).toBe('This access token is not valid: it is unknown or was revoked.')

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' }).click()
  const activity = page.getByRole('table', { name: 'Activity' })
  await expect(activity).toContainText(`Created pool ${pool} (layout apply)`)
  await expect(activity).toContainText('Revoked the access token “e2e pipeline”')
})

test('a viewer exports and plans a layout, and is told that applying needs an admin', async ({ page }) => {
  await page.goto('/layout')
  await signIn(page, TEAM.viewer)
  await expect(page.getByText('You can export and plan; applying a layout needs an admin.')).toBeVisible()
  const editor = page.getByRole('textbox', { name: 'Layout file (JSON)' })
  const layout = JSON.parse(await editor.inputValue())
  await editor.fill(JSON.stringify({ ...layout, pools: [...layout.pools, { name: 'viewer-idea', ips: [] }] }))
  await page.getByRole('button', { name: 'Plan', exact: true }).click()
  await expect(page.getByRole('region', { name: 'Plan', exact: true })).toContainText('Create pool “viewer-idea”')
  await expect(page.getByRole('button', { name: /^Apply/ })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Access tokens' })).toHaveCount(0)
})
